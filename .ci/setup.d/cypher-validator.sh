#!/usr/bin/env bash
# Installs Neo4j's Cypher grammar (@neo4j-cypher/language-support, from npm) that
# tests/graph/test_neo4j_cypher_valid.py runs with node to validate generated Cypher.
set -euo pipefail
cd "$(dirname "$0")/../../tests/cypher_validator"
if ! command -v npm >/dev/null; then
  echo "cypher-validator: npm not found; the Cypher validation tests will be skipped" >&2
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
