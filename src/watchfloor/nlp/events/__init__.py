"""Event coding: triggers, PLOVER codes, arguments and details of each coded act.

`coder.find_events` is the stage's entry point and is re-exported here.
"""

from watchfloor.nlp.events.coder import find_events

__all__ = ["find_events"]
