"""Scale-out: the same pipeline on a Dask cluster (``eventwire.scale.dask``)."""
