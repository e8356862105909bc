"""journeymaps: customer journey maps from Markdown front-matter.

The core (model, load, validate, score, render, present) imports nothing from
MkDocs; `plugin.py` (the events) and the modules beside it that know MkDocs
(`build.py`, `site_files.py`, `site_cache.py`, `page_html.py`, `pages.py`,
`config.py`) adapt it to MkDocs.
"""

__version__ = "0.1.0"
