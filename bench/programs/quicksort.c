/* Quicksort of n 32-bit integers (our own: median-of-three Hoare
 * partition, insertion sort for short runs). Measures data-dependent
 * branches, i32 loads/stores and compares, and recursion. */
#include <stdint.h>
#include <stdlib.h>

static void insertion_sort(int32_t *a, int lo, int hi) {
  for (int i = lo + 1; i <= hi; i++) {
    int32_t v = a[i];
    int j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void swap(int32_t *a, int i, int j) {
  int32_t t = a[i];
  a[i] = a[j];
  a[j] = t;
}

static void quicksort(int32_t *a, int lo, int hi) {
  /* Recurse into the smaller half and loop on the larger, bounding the
   * depth to log2(n) whatever the input. */
  while (hi - lo > 16) {
    int mid = lo + (hi - lo) / 2;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    int32_t pivot = a[mid];
    int i = lo - 1, j = hi + 1;
    for (;;) {
      do i++; while (a[i] < pivot);
      do j--; while (a[j] > pivot);
      if (i >= j) break;
      swap(a, i, j);
    }
    if (j - lo < hi - j) {
      quicksort(a, lo, j);
      lo = j + 1;
    } else {
      quicksort(a, j + 1, hi);
      hi = j;
    }
  }
  insertion_sort(a, lo, hi);
}

/* Sorts n pseudo-random values (with duplicates) and returns a
 * position-weighted checksum, or -1 if the output is not sorted. */
__attribute__((export_name("bench_run"))) int32_t bench_run(int n) {
  int32_t *a = malloc((size_t)n * sizeof *a);
  if (!a) return -2;
  uint32_t x = 88172645u;
  for (int i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    a[i] = (int32_t)(x % 1000003u) - 500000;
  }
  quicksort(a, 0, n - 1);
  uint32_t h = 0;
  for (int i = 0; i < n; i++) {
    if (i > 0 && a[i - 1] > a[i]) {
      free(a);
      return -1;
    }
    h = h * 31u + (uint32_t)a[i];
  }
  free(a);
  return (int32_t)h;
}
