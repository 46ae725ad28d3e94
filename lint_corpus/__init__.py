"""lint-corpus: lint and clean corpora of scraped text documents."""

__version__ = "0.1.0"
