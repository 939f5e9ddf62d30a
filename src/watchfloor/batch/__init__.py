"""The batch job: spaCy over input partitions with PySpark, then a load into a store.

`job.run_batch` (the `watchfloor batch` command) reads JSON Lines or Parquet
with PySpark and, in each partition, reads every row as `ingest` reads a
JSONL row, cleans it and parses it with spaCy (built once per executor): the
part of the per-article work that needs no other article. Each partition is
written as its own Parquet file when it is done (`table.py`): each row's
input position, the cleaned article (or the rejection) and the spaCy Doc.

`load.load_batch` (the `watchfloor load` command) takes that table in input
order through the same pipeline as `ingest` (dedup, actors, events, stories,
the writes and fusion), taking each article's Doc from the table instead of
parsing it. Actor resolution learns from each article in turn (a surname
means the person named in full earlier), so it, and all that follows it,
runs in order in one process: that is what makes the stored result equal to
`ingest`'s on the same articles. `overlapped.batch_and_load` (`watchfloor
batch --load`) runs both at once: the load takes each partition as soon as
its file is written, so it works while Spark parses the rest.
"""
