"""The command-line interface (thin: it parses arguments and calls ``eventwire.service``)."""
