/* A WASI command around the SQLite amalgamation: it runs SQL on an in-memory
 * database and prints every result row, so its output can be compared
 * between WebAssembly engines (see check.mjs).
 *
 *   sqlite.wasm                 runs the built-in script below
 *   sqlite.wasm 'SQL' ['SQL'…]  runs each argument instead
 *
 * Rows are printed one per line, columns separated by '|', NULL as "NULL"
 * (the sqlite3 shell's list mode). Errors go to stderr with exit status 1.
 * It touches no files: the database lives in memory, so the only WASI calls
 * that matter are args, fd_write, clock and proc_exit. */
#include <stdio.h>
#include <string.h>

#include "sqlite3.h"

/* The built-in workload: table building with a recursive CTE, indexes,
 * joins, aggregates, window functions, JSON, full-text search, math
 * functions and updates. Pseudo-random values come from an integer LCG in
 * SQL rather than random(), so the output is the same on every run. */
static const char *const demo[] = {
    "SELECT 'sqlite ' || sqlite_version();",
    "CREATE TABLE item(id INTEGER PRIMARY KEY, grp INTEGER, name TEXT, price REAL, qty INTEGER);",
    "WITH RECURSIVE gen(i, x) AS (SELECT 1, 42 UNION ALL"
    "  SELECT i + 1, (x * 1103515245 + 12345) % 2147483648 FROM gen WHERE i < 5000)"
    " INSERT INTO item SELECT i, x % 37, printf('item-%05d-%s', i, substr('abcdefghijklmnop', x % 13 + 1, 3)),"
    "  (x % 100000) / 100.0, x % 250 FROM gen;",
    "CREATE INDEX item_grp ON item(grp, price);",
    "SELECT count(*), sum(qty), printf('%.2f', sum(price)), min(name), max(name) FROM item;",
    "SELECT grp, count(*), printf('%.3f', avg(price)), max(qty) FROM item GROUP BY grp ORDER BY grp LIMIT 8;",
    "SELECT id, name, price, rank() OVER (PARTITION BY grp ORDER BY price DESC) AS r"
    " FROM item WHERE grp = 7 ORDER BY r, id LIMIT 5;",
    "CREATE TABLE grp_info(grp INTEGER PRIMARY KEY, label TEXT);",
    "WITH RECURSIVE g(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM g WHERE n < 36)"
    " INSERT INTO grp_info SELECT n, printf('%04X', n * 2654435761 % 65536) FROM g;",
    "SELECT g.label, count(*), sum(i.qty * i.price) > 1000000 FROM item i JOIN grp_info g USING (grp)"
    " WHERE i.qty BETWEEN 100 AND 120 GROUP BY g.label ORDER BY 2 DESC, 1 LIMIT 5;",
    "SELECT json_object('grp', grp, 'ids', json_group_array(id)) FROM"
    " (SELECT grp, id FROM item WHERE price < 25 ORDER BY id) GROUP BY grp ORDER BY grp LIMIT 3;",
    "CREATE VIRTUAL TABLE doc USING fts5(body);",
    "INSERT INTO doc SELECT replace(name, '-', ' ') || ' ' || CASE WHEN qty % 3 = 0 THEN 'fizz' ELSE 'buzz' END"
    " FROM item WHERE id <= 2000;",
    "SELECT count(*) FROM doc WHERE doc MATCH 'fizz AND cde';",
    "SELECT printf('%.6f', sqrt(sum(price * price))), printf('%.6e', exp(avg(ln(price + 1)))),"
    " printf('%.4f', atan2(1, 2)) FROM item;",
    "UPDATE item SET qty = qty + 1000 WHERE grp IN (SELECT grp FROM grp_info WHERE label LIKE '%A%');",
    "DELETE FROM item WHERE id % 7 = 0;",
    "SELECT count(*), total(qty), group_concat(id, ',') FILTER (WHERE id < 30) FROM item;",
    "SELECT substr(group_concat(name, ''), 1, 40), length(group_concat(name, '')) FROM"
    " (SELECT name FROM item ORDER BY price DESC, id LIMIT 200);",
    "SELECT cast(1e300 * 1e10 AS TEXT), 9223372036854775807 + 1, -7 / 2, -7 % 2, 1 / 0.0 IS NULL, 0.1 + 0.2;",
    "PRAGMA integrity_check;",
};

static int print_row(void *unused, int ncol, char **values, char **names) {
  (void)unused;
  (void)names;
  for (int i = 0; i < ncol; i++) {
    if (i) fputc('|', stdout);
    fputs(values[i] ? values[i] : "NULL", stdout);
  }
  fputc('\n', stdout);
  return 0;
}

static int run(sqlite3 *db, const char *sql) {
  char *err = NULL;
  if (sqlite3_exec(db, sql, print_row, NULL, &err) != SQLITE_OK) {
    fprintf(stderr, "error: %s\n  in: %s\n", err ? err : "unknown", sql);
    sqlite3_free(err);
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    fprintf(stderr, "error: cannot open an in-memory database\n");
    return 1;
  }
  int status = 0;
  if (argc > 1) {
    for (int i = 1; i < argc && !status; i++) status = run(db, argv[i]);
  } else {
    for (size_t i = 0; i < sizeof demo / sizeof demo[0] && !status; i++) status = run(db, demo[i]);
  }
  sqlite3_close(db);
  return status;
}
