"""Layout templates are found only inside their own folders, after resolving links.

A layout is data a person may have downloaded: a template that is a symlink to a
file elsewhere (``{% include %}`` of ``/etc/passwd``, say) would copy that file into
the zine. Jinja's own loader follows such links; this one refuses them.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from zine.core.errors import LayoutError
from zine.core.files import refuse_larger
from zine.core.limits import LAYOUT_FILE_BYTES
from zine.core.sandbox import is_inside


class ContainedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that reads a template only when it lies inside the folder it was found in."""

    def get_source(self, environment, template):  # noqa: D102 - Jinja's hook
        pieces = split_template_path(template)
        for folder in self.searchpath:
            candidate = Path(folder, *pieces)
            if os.path.isfile(candidate):
                if not is_inside(candidate, [Path(folder)]):
                    raise LayoutError(f"template {template!r} leads outside its layout folder (a link?); "
                                      "layout files must be inside their folder", candidate)
                refuse_larger(candidate, LAYOUT_FILE_BYTES)
                break
        return super().get_source(environment, template)
