# Sourced by ./test.sh and ./neuro: make sure the Debian packages a command needs are installed.
# As root, missing packages are installed with apt-get; otherwise the script stops and names them.

# require_packages PKG...
require_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "neuro: installing Debian packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "neuro: missing Debian packages: ${missing[*]}" >&2
    echo "neuro: install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

# require_dotnet: the .NET SDK is the one thing this project cannot install itself.
require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "neuro: the .NET SDK (dotnet, 10.0) is not on PATH; install it first (see README.md)" >&2
    exit 1
  fi
}

# offer_packages PKG...: like require_packages, but optional: as root, missing packages are installed (a failed
# install is reported and the caller goes on); as another user, they are named and the caller goes on without them.
offer_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "neuro: installing Debian packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; }; then
      echo "neuro: warning: could not install ${missing[*]}; going on without them" >&2
    fi
  else
    echo "neuro: missing Debian packages: ${missing[*]}; going on without them (install with: sudo apt-get install -y ${missing[*]})" >&2
  fi
  return 0
}
