"""``zine batch``: several zines in one process, sharing WeasyPrint's start-up (``projects``).
"""
