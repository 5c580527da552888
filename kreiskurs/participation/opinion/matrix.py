"""The vote matrix, its principal components and the participants' projection.

Polis imputes a missing vote with the statement's mean vote and centres the
matrix before PCA. After centring, an imputed cell is exactly zero, so the
centred matrix has non-zero cells only where someone voted: we never build
the dense matrix (100,000 × 2,000 would need 1.6 GB) and work on a
``scipy.sparse`` CSR matrix of ``vote - mean`` at the voted cells.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class VoteMatrix:
    """Latest votes as a sparse participant × statement matrix."""

    votes: sparse.csr_matrix  # values 1, -1 and 0 (pass) at voted cells
    voted: sparse.csr_matrix  # 1 where a vote (including pass) exists
    n_votes: IntArray  # votes per participant (row)


def build_matrix(rows: IntArray, cols: IntArray, values: npt.NDArray[np.int8], shape: tuple[int, int]) -> VoteMatrix:
    """Build the matrix from coordinates; each (row, col) must occur once."""
    data = values.astype(np.float64)
    votes = sparse.csr_matrix((data, (rows, cols)), shape=shape)
    voted = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
    n_votes = np.asarray(np.bincount(rows, minlength=shape[0]), dtype=np.int64)
    return VoteMatrix(votes=votes, voted=voted, n_votes=n_votes)


def column_means(matrix: VoteMatrix) -> FloatArray:
    """Mean vote per statement over those who voted on it (0 where nobody did)."""
    sums = np.asarray(matrix.votes.sum(axis=0)).ravel()
    counts = np.asarray(matrix.voted.sum(axis=0)).ravel()
    return np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)


def centred(matrix: VoteMatrix, means: FloatArray) -> sparse.csr_matrix:
    """``vote - mean`` at every voted cell; imputed cells are zero and stay implicit."""
    voted = matrix.voted.tocoo()
    values = np.asarray(matrix.votes[voted.row, voted.col]).ravel() - means[voted.col]
    return sparse.csr_matrix((values, (voted.row, voted.col)), shape=matrix.votes.shape)


def principal_components(
    centred_matrix: sparse.csr_matrix,
    *,
    n_components: int = 2,
    seed: int = 0,
    max_iterations: int = 500,
    tolerance: float = 1e-9,
) -> FloatArray:
    """The top principal axes (rows) by power iteration, as Polis computes them.

    Polis runs power iteration per component with deflation; we iterate a
    block of ``n_components + 2`` vectors at once (subspace iteration with a QR
    step, which converges at least as fast) and keep the top ``n_components``
    after a Rayleigh-Ritz step. The start block comes from a fixed seed, and
    each axis is given the sign that makes its largest loading positive, so
    the result is deterministic.
    """
    n_statements = centred_matrix.shape[1]
    block = min(n_components + 2, n_statements)
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.standard_normal((n_statements, block)))
    transposed = centred_matrix.T.tocsr()
    top = min(n_components, block)
    for _ in range(max_iterations):
        product = transposed @ (centred_matrix @ basis)
        previous = basis[:, :top]
        basis, _ = np.linalg.qr(product)
        # Converged when the subspace of the top components stops turning: the cosines of
        # the principal angles between the last two iterates are all 1 (the extra block
        # vectors only speed convergence up and need not converge themselves; two
        # components of nearly equal variance may still rotate within the subspace,
        # which the Rayleigh-Ritz step below settles).
        cosines = np.linalg.svd(previous.T @ basis[:, :top], compute_uv=False)
        if 1.0 - cosines.min() <= tolerance:
            break
    # Rayleigh-Ritz: rotate the converged subspace onto the eigenvectors.
    small = basis.T @ (transposed @ (centred_matrix @ basis))
    eigenvalues, eigenvectors = np.linalg.eigh(small)
    order = np.argsort(eigenvalues)[::-1][:n_components]
    axes = (basis @ eigenvectors[:, order]).T
    for axis in axes:
        if axis[np.argmax(np.abs(axis))] < 0:
            axis *= -1
    if axes.shape[0] < n_components:  # fewer statements than components
        axes = np.vstack([axes, np.zeros((n_components - axes.shape[0], n_statements))])
    return np.ascontiguousarray(axes)


def project(centred_matrix: sparse.csr_matrix, axes: FloatArray, n_votes: IntArray) -> FloatArray:
    """Participants' positions, scaled up for those who voted on few statements.

    Polis' sparsity-aware projection: a participant's imputed cells contribute
    nothing, which pulls people with few votes towards the centre; the
    coordinates are therefore multiplied by ``sqrt(n_statements / n_votes)``.
    """
    n_statements = centred_matrix.shape[1]
    raw = np.asarray(centred_matrix @ axes.T)
    scale = np.sqrt(n_statements / np.maximum(n_votes, 1))
    return np.asarray(raw * scale[:, None], dtype=np.float64)
