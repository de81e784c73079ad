"""The coding workbench: a Textual app with MAXQDA's four windows (Document System, Code
System, Document Browser, Retrieved Segments).

Widgets get data as attributes and report user intent as messages; the app turns intents
into project changes that run, in order, on one background database thread
(:mod:`qualcode.tui.database`), so no keystroke waits on the database.
"""
