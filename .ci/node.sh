# Sourced by .ci/run: puts the Node release named in .nvmrc first on PATH when the machine's
# own Node is older (or missing). The binary comes from the npm registry's node-linux-<arch> package (the
# official build, repackaged), since CI reaches no other download site.
# Usage: . .ci/node.sh
want="$(tr -d ' \n\r' < .nvmrc)"
have="$(node --version 2>/dev/null | sed 's/^v//')"
if [ "${have%%.*}" -lt "${want%%.*}" ] 2>/dev/null || [ -z "$have" ]; then
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo ".ci/node.sh: no node-linux package for $(uname -m); install Node $want yourself" >&2; exit 1 ;;
  esac
  dir="${XDG_CACHE_HOME:-$HOME/.cache}/platform-node/$want-$arch"
  if [ ! -x "$dir/bin/node" ]; then
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-$arch@$want" >/dev/null)
    mkdir -p "$dir"
    tar -xzf "$tmp"/node-linux-"$arch"-*.tgz -C "$dir" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  echo "Using Node $(node --version) from $dir (the machine has ${have:-none}; .nvmrc asks for $want)"
fi
