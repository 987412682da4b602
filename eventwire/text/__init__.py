"""Pure text helpers shared by stages: layout (headline, dateline, paragraphs) and language."""
