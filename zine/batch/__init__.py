"""``zine batch``: several zines in one process, sharing WeasyPrint's start-up (``projects``).

Other packages import from here only: the batch run, its options, the projects it finds, the
names their outputs get and the table it prints.
"""

from zine.core.faces import lazy_face

__all__, __getattr__, __dir__ = lazy_face(__name__, {
    ".projects": "batch BatchOptions projects_in job_count output_names distinct summary_table",
})
