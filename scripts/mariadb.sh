#!/usr/bin/env bash
# Makes sure the local MariaDB server answers on 127.0.0.1:3306 (starting it if needed).
set -euo pipefail
ping_db() { mariadb -h127.0.0.1 -uroot -e 'SELECT 1' >/dev/null 2>&1; }
if ping_db; then exit 0; fi
echo "mariadb: starting the server"
mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
for _ in $(seq 1 60); do
  if ping_db; then echo "mariadb: ready"; exit 0; fi
  sleep 1
done
echo "mariadb: the server did not answer on 127.0.0.1:3306 within 60 s" >&2
exit 1
