/*
 * Asynchronous I/O end to end (test/async.test.ts, tools/jspi-tests): an ordinary blocking C
 * program that the host runs through AsyncWASI, so every read below may wait for a promise.
 *
 *   async_io READ WRITE DIR SLEEP_MS
 *
 * Echoes stdin line by line (numbered), then hashes file READ, writes file WRITE and reads it
 * back, lists directory DIR (sorted), and sleeps SLEEP_MS with nanosleep (poll_oneoff). An
 * argument "-" skips that step. Every result is printed, so the host compares whole outputs.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: async_io READ WRITE DIR SLEEP_MS\n");
    return 2;
  }
  char line[256];
  int lines = 0;
  long bytes = 0;
  while (fgets(line, sizeof line, stdin)) {
    size_t len = strlen(line);
    bytes += (long)len;
    if (len > 0 && line[len - 1] == '\n') line[--len] = '\0';
    printf("line %d: %s\n", ++lines, line);
    fflush(stdout); /* one fd_write per line: the host sees each answer before the next line */
  }
  printf("stdin: %d lines, %ld bytes\n", lines, bytes);

  if (strcmp(argv[1], "-") != 0) {
    FILE *f = fopen(argv[1], "r");
    if (!f) {
      printf("open %s: %s\n", argv[1], strerror(errno));
    } else {
      unsigned long hash = 5381, size = 0;
      int c;
      while ((c = fgetc(f)) != EOF) {
        hash = (hash * 33 + (unsigned char)c) & 0xffffffffu;
        size++;
      }
      fclose(f);
      printf("%s: %lu bytes, hash %08lx\n", argv[1], size, hash);
    }
  }

  if (strcmp(argv[2], "-") != 0) {
    FILE *f = fopen(argv[2], "w");
    if (!f) {
      printf("create %s: %s\n", argv[2], strerror(errno));
    } else {
      fprintf(f, "written through async WASI (%d lines read)\n", lines);
      fclose(f);
      f = fopen(argv[2], "r");
      if (f && fgets(line, sizeof line, f)) printf("%s: %s", argv[2], line);
      if (f) fclose(f);
    }
  }

  if (strcmp(argv[3], "-") != 0) {
    DIR *d = opendir(argv[3]);
    if (!d) {
      printf("opendir %s: %s\n", argv[3], strerror(errno));
    } else {
      char *names[64];
      int n = 0;
      struct dirent *e;
      while ((e = readdir(d)) != NULL && n < 64) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) names[n++] = strdup(e->d_name);
      }
      closedir(d);
      qsort(names, (size_t)n, sizeof names[0], by_name);
      printf("%s:", argv[3]);
      for (int i = 0; i < n; i++) printf(" %s", names[i]);
      printf("\n");
    }
  }

  if (strcmp(argv[4], "-") != 0) {
    long ms = atol(argv[4]);
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    printf("slept %ld ms\n", ms);
  }
  return 0;
}
