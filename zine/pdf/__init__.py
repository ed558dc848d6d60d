"""The pdf stage: the only package that imports pikepdf (besides the imposition writer).

Works on bytes in, bytes out: facts read from finished PDFs, merging the pieces
of a build, and document metadata.
"""

from zine.pdf.facts import (
                            anchor_pages,
                            embedded_file_names,
                            font_facts,
                            image_facts,
                            info_text,
                            link_annotations,
                            numbers,
                            open_pdf,
                            page_count,
                            page_digests,
                            page_sizes,
                            opened_permission_warning,
                            permission_warning,
                            reason,
                            save,
                            visible_size,
)
from zine.pdf.merge import FONT_PLACEHOLDER, INTERNAL_MARK, merge
from zine.pdf.metadata import keep_info, set_metadata

__all__ = ["FONT_PLACEHOLDER", "INTERNAL_MARK", "anchor_pages", "embedded_file_names", "font_facts", "image_facts",
           "info_text",
           "link_annotations", "merge", "numbers", "open_pdf", "page_count", "page_digests", "page_sizes", "save", "set_metadata",
           "permission_warning", "opened_permission_warning", "reason", "visible_size", "keep_info"]
