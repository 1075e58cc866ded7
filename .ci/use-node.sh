# Sourced (`. .ci/use-node.sh`), not run: puts the Node release of .nvmrc first on PATH for the calling shell.
# When the machine's Node is an older major than .nvmrc's, the same official build comes from the npm registry's
# `node` package into .tools/node-<version>/ (gitignored, reused by later runs); a machine whose Node is already that
# major or newer keeps its own.
use_node_version="$(tr -d '[:space:]' < "$(dirname "${BASH_SOURCE[0]}")/../.nvmrc")"
use_node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$use_node_major" -lt "${use_node_version%%.*}" ]; then
  use_node_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/node-$use_node_version"
  if [ ! -x "$use_node_dir/bin/node" ]; then
    echo "node: $(node -v 2>/dev/null || echo 'no node') is older than ${use_node_version%%.*}; installing node@$use_node_version from the npm registry into .tools/"
    npm install --global --prefix "$use_node_dir" --no-audit --no-fund "node@$use_node_version" || return 1
  fi
  export PATH="$use_node_dir/bin:$PATH"
fi
echo "node: $(node -v) ($(command -v node)), npm $(npm -v)"
unset use_node_version use_node_major use_node_dir
