"""Shared helpers of the transforms: stable row ids and a union-find.

One implementation of each, so every module hashes ids and merges groups the same way.
"""

from __future__ import annotations

import hashlib


def stable_id(*parts: object, length: int = 16) -> str:
    """The first ``length`` hex digits of sha256 over the parts joined by "|":
    ``stable_id(article_id, "killed", 10, 14)`` is the same on every run."""
    return hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:length]


class UnionFind:
    """Disjoint sets over hashable items; the smaller root wins a union (deterministic)."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        p = self.parent.setdefault(x, x)
        if p == x:
            return x
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra
