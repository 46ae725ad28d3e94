"""Errors that stop a run with exit code 2: bad usage, config, schema or rule pack."""


class LintCorpusError(Exception):
    """A problem with how lint-corpus was asked to run; the message names the culprit."""


class UsageError(LintCorpusError):
    pass


class ConfigError(LintCorpusError):
    pass


class SchemaLoadError(LintCorpusError):
    pass


class PackError(LintCorpusError):
    pass
