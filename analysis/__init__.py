"""How Korean media framed DeepSeek: a text-as-data study package.

Stages (one module each, data flows one way)::

    corpus -> clean -> tokenize -> vocabulary / framing / sentiment / voices
           -> validation -> plots -> report

See README.md for the study and ``python -m analysis --help`` for the CLI.
"""

__version__ = "0.1.0"
