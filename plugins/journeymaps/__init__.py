"""journeymaps: customer journey maps from Markdown front-matter.

The core (model, load, validate, score, render, present) imports nothing from
MkDocs; `plugin.py` and `config.py` adapt it to MkDocs.
"""

__version__ = "0.1.0"
