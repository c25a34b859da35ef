# Shared by scripts/bootstrap and scripts/test: find or make the bench that runs this checkout.
# Sourced, not run. Every step prints what it does; a failure prints one line: cause and fix.
set -euo pipefail

CHECKOUT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FRAPPE_REPO=${FRAPPE_REPO:-https://github.com/frappe/frappe}
FRAPPE_BRANCH=${FRAPPE_BRANCH:-version-15}
DB_HOST=${GONGJIAN_DB_HOST:-127.0.0.1}
DB_PORT=${GONGJIAN_DB_PORT:-3306}
DB_ROOT_USER=${GONGJIAN_DB_ROOT_USER:-root}
DB_ROOT_PASSWORD=${GONGJIAN_DB_ROOT_PASSWORD:-}
REDIS_URL=${GONGJIAN_REDIS_URL:-redis://127.0.0.1:6379}
REDIS_HOSTPORT=${REDIS_URL#redis://}
REDIS_HOSTPORT=${REDIS_HOSTPORT%%/*}

step() { printf '\n==> %s\n' "$*"; }
die() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" = 0 ]; then
	BENCH_USER=${GONGJIAN_BENCH_USER:-frappe}
else
	BENCH_USER=$(id -un)
fi

as_bench_user() {
	# bench refuses root; when we are root, drop to the bench user for everything in the bench.
	if [ "$(id -u)" = 0 ] && [ "$BENCH_USER" != root ]; then
		runuser -u "$BENCH_USER" -- env HOME="$BENCH_HOME" PATH="$CLI_ENV/bin:$PATH" "$@"
	else
		env PATH="$CLI_ENV/bin:$PATH" "$@"
	fi
}

apt_install() {
	[ "$(id -u)" = 0 ] || die "missing system packages: $*. Fix: sudo apt-get install -y $*"
	if [ -z "${APT_UPDATED:-}" ]; then
		apt-get update -qq || die "apt-get update failed. Fix: check the network or the apt mirror in /etc/apt/sources.list"
		APT_UPDATED=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
		|| die "apt-get install $* failed. Fix: install them by hand and re-run"
}

ensure_system_packages() {
	step "System packages"
	local missing=()
	command -v git >/dev/null || missing+=(git)
	command -v node >/dev/null || missing+=(nodejs npm)
	command -v mariadb >/dev/null || command -v mysql >/dev/null || missing+=(mariadb-client)
	command -v redis-cli >/dev/null || missing+=(redis-tools)
	python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
	command -v pkg-config >/dev/null || missing+=(pkg-config)
	# Chinese text in PDFs (member cards, reports) needs a CJK font.
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || fc-list 2>/dev/null | grep -qi 'cjk' || missing+=(fonts-noto-cjk)
	# Member cards and other print formats become PDFs through wkhtmltopdf.
	command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
	# Production mode (scripts/production) keeps its processes running under supervisord.
	command -v supervisord >/dev/null || missing+=(supervisor)
	if [ ${#missing[@]} -gt 0 ]; then
		echo "installing: ${missing[*]}"
		apt_install "${missing[@]}"
	fi
	if ! yarn --version 2>/dev/null | grep -q "^1\."; then
		echo "installing yarn (classic) from the npm registry"
		if [ "$(id -u)" = 0 ]; then
			npm install -g --silent yarn@1 >/dev/null || die "npm install -g yarn failed. Fix: check npm's registry (npm config get registry)"
		else
			die "yarn is missing. Fix: sudo npm install -g yarn"
		fi
	fi
	echo "ok"
}

ensure_browser() {
	# The browser suite drives Debian's Chromium through Python Playwright (no browser download).
	step "Chromium and Playwright"
	command -v chromium >/dev/null || apt_install chromium
	as_bench_user "$BENCH/env/bin/python" -c 'import playwright' 2>/dev/null \
		|| as_bench_user "$CLI_ENV/bin/uv" pip install -q --python "$BENCH/env/bin/python" playwright \
		|| die "installing playwright into the bench env failed. Fix: check pip's index"
	echo "ok: $(chromium --version 2>/dev/null | head -1)"
}

use_git_mirrors() {
	# GONGJIAN_GIT_MIRRORS="<url>=<mirror> ...": git (and so pip/uv installing a "pkg @ git+<url>@<rev>"
	# dependency, such as Frappe's gunicorn) fetches <url> from <mirror>, a URL or a local path. It is set in
	# the environment of this run only (GIT_CONFIG_COUNT), never in anyone's git config.
	local i=${GIT_CONFIG_COUNT:-0} pair url mirror
	for pair in ${GONGJIAN_GIT_MIRRORS:-}; do
		url=${pair%%=*}
		mirror=${pair#*=}
		[ "$url" != "$pair" ] && [ -n "$mirror" ] || die "GONGJIAN_GIT_MIRRORS entry '$pair' is not <url>=<mirror>. Fix: e.g. https://github.com/frappe/gunicorn=/srv/mirror/gunicorn"
		case "$mirror" in /*) mirror="file://$mirror" ;; esac
		export "GIT_CONFIG_KEY_$i=url.$mirror.insteadOf" "GIT_CONFIG_VALUE_$i=$url"
		i=$((i + 1))
	done
	export GIT_CONFIG_COUNT=$i
}
use_git_mirrors

db_root() {
	MYSQL_PWD="$DB_ROOT_PASSWORD" mariadb -h "$DB_HOST" -P "$DB_PORT" -u "$DB_ROOT_USER" "$@"
}

ensure_services() {
	step "MariaDB and Redis"
	if ! mariadb-admin -h "$DB_HOST" -P "$DB_PORT" ping >/dev/null 2>&1 && ! mysqladmin -h "$DB_HOST" -P "$DB_PORT" ping >/dev/null 2>&1; then
		echo "MariaDB is not answering on $DB_HOST:$DB_PORT: installing and starting it"
		command -v mariadbd >/dev/null || apt_install mariadb-server
		[ "$(id -u)" = 0 ] || die "MariaDB is not running. Fix: sudo systemctl start mariadb"
		printf '[mysqld]\ncharacter-set-server = utf8mb4\ncollation-server = utf8mb4_unicode_ci\n' >/etc/mysql/mariadb.conf.d/99-gongjian.cnf
		(systemctl start mariadb 2>/dev/null || service mariadb start 2>/dev/null \
			|| start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd) >/dev/null
		for _ in $(seq 30); do mariadb-admin -h "$DB_HOST" -P "$DB_PORT" ping >/dev/null 2>&1 && break; sleep 1; done
	fi
	db_root -e 'select 1' >/dev/null 2>&1 \
		|| die "MariaDB root login failed as '$DB_ROOT_USER'@$DB_HOST:$DB_PORT. Fix: set GONGJIAN_DB_ROOT_USER / GONGJIAN_DB_ROOT_PASSWORD"
	# Frappe stores Chinese text: the server must default to utf8mb4_unicode_ci.
	db_root -e "SET GLOBAL character_set_server = 'utf8mb4'; SET GLOBAL collation_server = 'utf8mb4_unicode_ci'" \
		|| die "could not set utf8mb4 on MariaDB. Fix: add character-set-server=utf8mb4 and collation-server=utf8mb4_unicode_ci under [mysqld]"
	if [ "$(id -u)" = 0 ] && [ -d /etc/mysql/mariadb.conf.d ] && [ ! -f /etc/mysql/mariadb.conf.d/99-gongjian.cnf ]; then
		printf '[mysqld]\ncharacter-set-server = utf8mb4\ncollation-server = utf8mb4_unicode_ci\n' >/etc/mysql/mariadb.conf.d/99-gongjian.cnf
	fi
	local redis_hostport=$REDIS_HOSTPORT
	if ! redis-cli -h "${redis_hostport%:*}" -p "${redis_hostport##*:}" ping >/dev/null 2>&1; then
		echo "Redis is not answering at $REDIS_URL: installing and starting it"
		[ "$(id -u)" = 0 ] || die "Redis is not running. Fix: sudo systemctl start redis-server, or set GONGJIAN_REDIS_URL"
		command -v redis-server >/dev/null || apt_install redis-server
		redis-server --daemonize yes --bind 127.0.0.1 --port "${redis_hostport##*:}" --save "" --appendonly no >/dev/null
		sleep 1
		redis-cli -p "${redis_hostport##*:}" ping >/dev/null || die "Redis did not start. Fix: start it and set GONGJIAN_REDIS_URL"
	fi
	echo "ok: MariaDB $DB_HOST:$DB_PORT, Redis $REDIS_URL"
}

ensure_bench_paths() {
	BENCH_HOME=$(getent passwd "$BENCH_USER" | cut -d: -f6)
	BENCH=${GONGJIAN_BENCH:-$BENCH_HOME/frappe-bench}
	CLI_ENV=$BENCH_HOME/.local/share/gongjian/bench-cli
}

ensure_bench_user() {
	step "Bench user '$BENCH_USER'"
	if ! id "$BENCH_USER" >/dev/null 2>&1; then
		useradd --create-home --shell /bin/bash "$BENCH_USER" || die "could not create user $BENCH_USER. Fix: set GONGJIAN_BENCH_USER to an existing ordinary user"
	fi
	ensure_bench_paths
	# The bench links to this checkout: its user must be able to read it.
	if [ "$(id -u)" = 0 ] && ! runuser -u "$BENCH_USER" -- test -r "$CHECKOUT/gongjian/hooks.py"; then
		echo "granting $BENCH_USER read access to $CHECKOUT"
		local d=$CHECKOUT
		while [ "$d" != / ]; do chmod o+x "$d"; d=$(dirname "$d"); done
		chmod -R o+rX "$CHECKOUT"
	fi
	BENCH_PYTHON=${GONGJIAN_PYTHON:-$(CLI_ENV=/nonexistent as_bench_user sh -c 'for p in python3.11 python3.12 python3.10 python3; do command -v $p && exit; done')} \
		|| die "no Python 3.10-3.12 that $BENCH_USER can run. Fix: apt-get install python3, or set GONGJIAN_PYTHON"
	# git as the bench user reads repositories other users own (a local FRAPPE_REPO).
	as_bench_user git config --global --replace-all safe.directory '*'
	echo "ok: bench $BENCH, Python $BENCH_PYTHON"
}

ensure_bench_cli() {
	if [ ! -x "$CLI_ENV/bin/bench" ]; then
		step "Installing the bench CLI into $CLI_ENV"
		as_bench_user "$BENCH_PYTHON" -m venv "$CLI_ENV" || die "python3 -m venv failed. Fix: apt-get install python3-venv"
		as_bench_user "$CLI_ENV/bin/pip" install -q frappe-bench \
			|| die "pip install frappe-bench failed. Fix: check pip's index (pip config list)"
	fi
}

frappe_source() {
	# A URL goes to bench as it is. A local path, or an offline air-datepicker, goes through a clone of
	# ours: bench names the app after the folder, so it must sit in a folder named frappe.
	case "$FRAPPE_REPO" in
	http://* | https://* | git@* | ssh://*)
		if [ -z "${AIR_DATEPICKER_REPO:-}" ]; then
			echo "$FRAPPE_REPO"
			return
		fi
		local from=$FRAPPE_REPO
		;;
	*)
		[ -e "$FRAPPE_REPO" ] || die "FRAPPE_REPO=$FRAPPE_REPO does not exist. Fix: point FRAPPE_REPO at a Frappe git repository (URL or path)"
		local from="file://$(realpath "$FRAPPE_REPO")"
		;;
	esac
	local srcdir=$BENCH_HOME/.local/share/gongjian/src
	rm -rf "$srcdir"
	as_bench_user mkdir -p "$srcdir"
	as_bench_user git clone -q --depth 1 --branch "$FRAPPE_BRANCH" "$from" "$srcdir/frappe" >&2 \
		|| die "could not clone FRAPPE_REPO=$FRAPPE_REPO at $FRAPPE_BRANCH. Fix: make it a readable Frappe repository with that branch"
	as_bench_user git -C "$srcdir/frappe" remote remove origin
	[ -z "${AIR_DATEPICKER_REPO:-}" ] || use_local_air_datepicker "$srcdir" >&2
	echo "$srcdir/frappe"
}

use_local_air_datepicker() {
	# Frappe's package.json takes air-datepicker from GitHub (yarn fetches it from codeload.github.com).
	# Offline, point it at a checkout of AIR_DATEPICKER_REPO, committed in our local clone for bench to take.
	local srcdir=$1 from=$AIR_DATEPICKER_REPO
	case "$from" in /*) from="file://$from" ;; esac
	echo "air-datepicker from $AIR_DATEPICKER_REPO"
	as_bench_user git clone -q "$from" "$srcdir/air-datepicker" \
		|| die "could not clone AIR_DATEPICKER_REPO=$AIR_DATEPICKER_REPO. Fix: give a readable air-datepicker repository"
	as_bench_user sed -i "s|\"air-datepicker\": \"[^\"]*\"|\"air-datepicker\": \"file:$srcdir/air-datepicker\"|" "$srcdir/frappe/package.json"
	as_bench_user sed -i '/^"air-datepicker@/,/^$/d' "$srcdir/frappe/yarn.lock"
	as_bench_user git -C "$srcdir/frappe" -c user.name=gongjian -c user.email=bootstrap@localhost \
		commit -q -am "Take air-datepicker from a local checkout"
}

registered_benches() {
	# Every bench a bootstrap or test run on this machine has prepared, one path per line, oldest first.
	cat "$BENCH_HOME/.local/share/gongjian/benches" 2>/dev/null || true
}

register_bench() {
	# A bench's place in the list gives it its own Redis database (Frappe keeps global keys, such as
	# the built assets, under the same names on every bench) and its sites their own database names.
	local registry=$BENCH_HOME/.local/share/gongjian/benches
	if ! registered_benches | grep -qxF "$BENCH"; then
		as_bench_user mkdir -p "$(dirname "$registry")"
		printf '%s\n' "$BENCH" | as_bench_user sh -c "cat >> '$registry'"
	fi
	BENCH_INDEX=$(($(registered_benches | grep -nxF "$BENCH" | head -1 | cut -d: -f1) - 1))
}

bench_redis_url() {
	# An explicit database in GONGJIAN_REDIS_URL wins; otherwise the bench's own, by its place in the list.
	case "${REDIS_URL#redis://}" in
	*/*) echo "$REDIS_URL" ;;
	*) echo "$REDIS_URL/$BENCH_INDEX" ;;
	esac
}

bench_is_complete() {
	grep -qx frappe "$BENCH/sites/apps.txt" 2>/dev/null \
		&& as_bench_user "$BENCH/env/bin/python" -c 'import frappe' 2>/dev/null
}

ensure_bench() {
	ensure_bench_cli
	if ! bench_is_complete; then
		local src
		src=$(frappe_source)
		step "Creating bench $BENCH with Frappe from $FRAPPE_REPO ($FRAPPE_BRANCH)"
		if [ -e "$BENCH" ]; then
			ls "$BENCH"/sites/*/site_config.json >/dev/null 2>&1 \
				&& die "$BENCH holds sites but no Frappe. Fix: move it away or set GONGJIAN_BENCH elsewhere"
			echo "removing the unfinished bench left by an earlier failed run"
			rm -rf "$BENCH"
		fi
		(cd "$(dirname "$BENCH")" && as_bench_user env SSL_CERT_FILE="${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}" \
			bench init "$(basename "$BENCH")" --frappe-path "$src" --frappe-branch "$FRAPPE_BRANCH" \
			--python "$BENCH_PYTHON" --no-backups --skip-redis-config-generation --skip-assets) \
			|| die "bench init failed (see above). Fix: give a reachable Frappe source with FRAPPE_REPO=<url or path> FRAPPE_BRANCH=<branch>"
	fi
	register_bench
	step "Bench Python environment"
	# Frappe 15 imports pkg_resources, which setuptools 70 dropped.
	as_bench_user "$CLI_ENV/bin/uv" pip install -q --python "$BENCH/env/bin/python" "setuptools<70" pytest requests ruff \
		|| die "installing test tools into the bench env failed. Fix: check pip's index"
	local redis_url
	redis_url=$(bench_redis_url)
	for key in redis_cache redis_queue redis_socketio; do
		as_bench_user "$BENCH/env/bin/python" - "$BENCH/sites/common_site_config.json" "$key" "$redis_url" <<'PY'
import json, sys
path, key, value = sys.argv[1:]
conf = json.load(open(path))
if conf.get(key) != value:
	conf[key] = value
	json.dump(conf, open(path, "w"), indent=1)
PY
	done
	echo "ok: Frappe $(frappe_version), Redis $redis_url"
}

frappe_version() {
	as_bench_user "$BENCH/env/bin/python" -c 'import frappe; print(frappe.__version__)' 2>/dev/null || echo unknown
}

ensure_assets() {
	if [ ! -f "$BENCH/sites/assets/assets.json" ] && [ ! -f "$BENCH/sites/assets/frappe/dist/js/desk.bundle.js" ] \
		&& ! ls "$BENCH"/sites/assets/frappe/dist/js/desk.bundle.*.js >/dev/null 2>&1; then
		step "Building desk assets (first run only)"
		(cd "$BENCH/apps/frappe" && as_bench_user yarn install --silent --network-timeout 600000) \
			|| die "yarn install failed. Fix: reach the npm registry, and set AIR_DATEPICKER_REPO=<git url or path> if GitHub is unreachable"
		(cd "$BENCH" && as_bench_user bench build) || die "bench build failed (see above)"
	fi
}

link_app() {
	step "Linking this checkout as app 'gongjian'"
	local link=$BENCH/apps/gongjian
	if [ "$(readlink -f "$link" 2>/dev/null)" != "$CHECKOUT" ]; then
		rm -rf "$link"
		as_bench_user ln -s "$CHECKOUT" "$link"
	fi
	if ! grep -qx gongjian "$BENCH/sites/apps.txt"; then
		as_bench_user sed -i -e '/^frappegongjian$/d' -e '$a\' "$BENCH/sites/apps.txt" # bench leaves no final newline
		as_bench_user sh -c "echo gongjian >> '$BENCH/sites/apps.txt'"
	fi
	if ! (cd "$BENCH/sites" && as_bench_user "$BENCH/env/bin/python" -c 'import gongjian, sys; sys.exit(gongjian.__file__ != sys.argv[1])' "$CHECKOUT/gongjian/__init__.py" 2>/dev/null); then
		as_bench_user "$CLI_ENV/bin/uv" pip install -q --python "$BENCH/env/bin/python" -e "$CHECKOUT" \
			|| die "installing the app into the bench env failed (see above)"
	fi
	# The app's static files (gongjian/public) are served from sites/assets/gongjian, as bench build links them.
	local assets=$BENCH/sites/assets/gongjian
	if [ "$(readlink -f "$assets" 2>/dev/null)" != "$CHECKOUT/gongjian/public" ]; then
		rm -rf "$assets"
		as_bench_user mkdir -p "$BENCH/sites/assets"
		as_bench_user ln -s "$CHECKOUT/gongjian/public" "$assets"
	fi
	echo "ok: $link -> $CHECKOUT"
}

ensure_db_admin() {
	# bench new-site asks for the root password when it is empty: use an admin user with one.
	local pwfile=$BENCH_HOME/.local/share/gongjian/db_admin_password
	if [ ! -s "$pwfile" ]; then
		as_bench_user mkdir -p "$(dirname "$pwfile")"
		head -c 18 /dev/urandom | base64 | tr -d '/+=' | as_bench_user sh -c "umask 077; cat > '$pwfile'"
	fi
	DB_ADMIN_USER=${GONGJIAN_DB_ADMIN_USER:-gongjian_admin}
	DB_ADMIN_PASSWORD=$(cat "$pwfile")
	db_root <<SQL || die "could not create the DB admin user. Fix: set GONGJIAN_DB_ROOT_USER / GONGJIAN_DB_ROOT_PASSWORD to an account with GRANT OPTION"
CREATE USER IF NOT EXISTS '$DB_ADMIN_USER'@'%' IDENTIFIED BY '$DB_ADMIN_PASSWORD';
ALTER USER '$DB_ADMIN_USER'@'%' IDENTIFIED BY '$DB_ADMIN_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$DB_ADMIN_USER'@'%' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS '$DB_ADMIN_USER'@'localhost' IDENTIFIED BY '$DB_ADMIN_PASSWORD';
ALTER USER '$DB_ADMIN_USER'@'localhost' IDENTIFIED BY '$DB_ADMIN_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$DB_ADMIN_USER'@'localhost' WITH GRANT OPTION;
SQL
}

quiet_progress() {
	# Frappe redraws progress bars with carriage returns: keep the log to the lines that say something.
	tr '\r' '\n' | grep -v '^Updating DocTypes\|^Migrating\|^Executing\|^$' || true
}

site_exists() { [ -f "$BENCH/sites/$1/site_config.json" ]; }

new_site() {
	local site=$1 admin_password=$2
	ensure_db_admin
	step "Creating site $site"
	# The first bench keeps Frappe's database name (a hash of the site name); any other bench's sites get
	# names of their own, or a site of the same name on two benches would share one database.
	local db_name=()
	[ "${BENCH_INDEX:-0}" = 0 ] || db_name=(--db-name "_$(printf '%s' "$BENCH/$site" | sha1sum | cut -c1-16)")
	(cd "$BENCH" && as_bench_user bench new-site "$site" --force "${db_name[@]}" \
		--db-host "$DB_HOST" --db-port "$DB_PORT" \
		--db-root-username "$DB_ADMIN_USER" --db-root-password "$DB_ADMIN_PASSWORD" \
		--no-mariadb-socket --admin-password "$admin_password" --install-app gongjian 2>&1 \
		| quiet_progress) \
		|| die "bench new-site $site failed (see above)"
}

site_cmd() {
	local site=$1
	shift
	(cd "$BENCH" && as_bench_user bench --site "$site" "$@")
}

prepare_bench() {
	ensure_system_packages
	ensure_services
	ensure_bench_user
	ensure_bench
	link_app
	# Frappe 15.101 cannot render a page without the built assets (assets.json): every bench gets them.
	ensure_assets
}
