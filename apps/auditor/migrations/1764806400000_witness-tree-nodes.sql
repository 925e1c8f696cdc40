-- Up Migration
-- Version 4: the witness keeps each partition's Merkle tree as stored nodes (issue 13), so that
-- judging a checkpoint or building a proof reads O(log n) rows instead of every leaf hash.
-- Forward-only: there is no Down migration.

-- Node (level, node_index) is the root of the perfect subtree over leaves
-- [node_index * 2^level, (node_index + 1) * 2^level); level 0 is the leaf hashes. A node is
-- written once, when its last leaf is stored, and never changes.
CREATE TABLE witness_nodes (
  partition integer NOT NULL,
  level smallint NOT NULL,
  node_index bigint NOT NULL,
  hash bytea NOT NULL,
  PRIMARY KEY (partition, level, node_index)
);

-- The compact range of each partition's tree: its size (the next seq the witness expects) and
-- the roots of its right-edge perfect subtrees, 32 bytes each, largest first. Leaves stored
-- before this migration start at size 0: the auditor builds their nodes from the stored leaves
-- on its first run, in bounded batches, and moves the range forward as it goes.
CREATE TABLE witness_ranges (
  partition integer PRIMARY KEY,
  size bigint NOT NULL,
  peaks bytea NOT NULL
);
INSERT INTO witness_ranges (partition, size, peaks)
SELECT DISTINCT partition, 0, ''::bytea FROM witness_leaves;
