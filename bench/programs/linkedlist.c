/* Linked lists of small records (our own, in the spirit of CoreMark's list
 * kernel): build a list from a pool, then repeatedly find by key, reverse in
 * place, and sort by merge sort, folding the order into a checksum. Measures
 * pointer chasing, data-dependent branches and many short calls. */
#include <stdint.h>
#include <stdlib.h>

typedef struct node {
  struct node *next;
  int32_t key;
  int16_t data;
  int16_t idx;
} node;

static uint32_t state = 12345;
__attribute__((noinline)) static uint32_t next_random(void) {
  state = state * 1103515245u + 12345u;
  return state >> 8;
}

__attribute__((noinline)) static node *find(node *list, int32_t key) {
  while (list && list->key != key) list = list->next;
  return list;
}

__attribute__((noinline)) static node *reverse(node *list) {
  node *prev = 0;
  while (list) {
    node *next = list->next;
    list->next = prev;
    prev = list;
    list = next;
  }
  return prev;
}

__attribute__((noinline)) static int compare(const node *a, const node *b, int by_data) {
  return by_data ? (a->data > b->data) - (a->data < b->data) : (a->key > b->key) - (a->key < b->key);
}

/* Bottom-up merge sort of a singly linked list (no recursion, no allocation). */
static node *sort(node *list, int by_data) {
  for (int width = 1;; width *= 2) {
    node *p = list, *tail = 0;
    int merges = 0;
    list = 0;
    while (p) {
      merges++;
      node *q = p;
      int psize = 0;
      for (int i = 0; i < width && q; i++) psize++, q = q->next;
      int qsize = width;
      while (psize > 0 || (qsize > 0 && q)) {
        node *e;
        if (psize == 0) e = q, q = q->next, qsize--;
        else if (qsize == 0 || !q || compare(p, q, by_data) <= 0) e = p, p = p->next, psize--;
        else e = q, q = q->next, qsize--;
        if (tail) tail->next = e;
        else list = e;
        tail = e;
      }
      p = q;
    }
    tail->next = 0;
    if (merges <= 1) return list;
  }
}

__attribute__((noinline)) static uint32_t fold(const node *list) {
  uint32_t h = 2166136261u;
  for (; list; list = list->next) h = (h ^ (uint32_t)(list->idx + 3 * list->data)) * 16777619u;
  return h;
}

/* n rounds over a list of 1000 records. */
__attribute__((export_name("bench_run"))) uint32_t bench_run(int n) {
  enum { COUNT = 1000 };
  state = 12345; /* every call does the same work */
  node *pool = malloc(COUNT * sizeof(node));
  node *list = 0;
  for (int i = 0; i < COUNT; i++) {
    pool[i].key = (int32_t)(next_random() % 4096);
    pool[i].data = (int16_t)(next_random() & 0x7fff);
    pool[i].idx = (int16_t)i;
    pool[i].next = list;
    list = &pool[i];
  }
  uint32_t check = 0;
  for (int r = 0; r < n; r++) {
    int found = 0;
    for (int k = 0; k < 64; k++) {
      node *f = find(list, (int32_t)(next_random() % 4096));
      if (f) found += f->idx;
    }
    list = reverse(list);
    list = sort(list, r & 1);
    check = check * 31 + fold(list) + (uint32_t)found;
  }
  free(pool);
  return check;
}
