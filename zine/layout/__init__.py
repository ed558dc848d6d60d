"""Layouts as data: finding and inheriting them (``resolve``), their options and page
sizes, the catalogue ``zine layouts`` shows (``catalog``), Jinja2 filters (``filters``) and
QR codes (``qr``). The layouts themselves live in the ``layouts/`` data folder
(``zine/data/layouts`` in a wheel), apart from this code.
"""
