"""The spaCy model's matrix products through numpy's BLAS, on one thread, instead of thinc's blis.

thinc multiplies with the ``blis`` package, which picks its kernels by CPU model when it is
imported. On the project's machines (AMD EPYC, family 25, under KVM) it finds none and runs its
portable reference kernel (``BLIS_ARCH_DEBUG=1`` prints "selecting sub-configuration
'generic'"): 20 GFLOP/s where numpy's OpenBLAS, which dispatches on the CPU's features, does
31-41 on the same products (4000 x 288 x 288, one thread). The two tok2vec encoders (the shared
one and the NER's own) are mostly such products: ``gemm`` was 72 % of the NER's profiled time.
With numpy's BLAS the model costs ~40 % less CPU (``eventwire bench speed``; 572 ->
346 CPU s over 37 236 benchmark paragraphs).

The sums are the same products added in another order, so the floats differ in the last bits;
no tag, lemma, dependency, sentence start or entity differed on those 37 236 paragraphs (11 MB
of CoNLL-2003, GSR, ConfliBERT, … text) nor on 20 000 upper-cased ones through the NER-only
pass. The blis kernel differs by CPU just the same: records were never bit-for-bit the same
across machines.

Multithreaded BLAS only burns CPU on these small products (a worker is one process per core):
``one_blas_thread`` limits numpy's BLAS to one thread while the model runs, as blis ran.
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Iterator

from thinc.api import NumpyOps


def use_numpy_blas(nlp: Any) -> None:
    """Make every layer of ``nlp``'s components multiply with numpy (in place; idempotent)."""
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if isinstance(node.ops, NumpyOps):  # CPU layers only (a GPU's ops stay)
                node.ops = ops


@lru_cache(maxsize=1)
def _controller() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()  # the BLAS libraries loaded so far: numpy's, which thinc's NumpyOps uses


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block with numpy's BLAS on one thread (restored afterwards)."""
    with _controller().limit(limits=1, user_api="blas"):
        yield
