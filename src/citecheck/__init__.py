"""citecheck: audit the references, in-text citations and claims of a manuscript."""

from citecheck.model import Citation, Finding, Reference, Severity, Span

__version__ = "0.1.0"

__all__ = ["Citation", "Finding", "Reference", "Severity", "Span", "__version__"]
