import os as _os

# The search multiplies one small matrix per query: BLAS worker threads only contend with the model's
# own threads and the web server (measured: 28 ms per search with one thread, 60 ms with two). Must be
# set before numpy is first imported.
_os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
