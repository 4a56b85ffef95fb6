/* Parses every page of a corpus with libxml2's HTML parser (as Dom::parse
 * calls it, with no tree: SAX handlers that do nothing) and with gumbo (its
 * whole HTML5 tree, then freed), and prints the CPU time per page of each:
 * the measured reason docs/architecture.md gives for libxml2. Run by
 * bench/html_parsers.sh, which builds it (libgumbo-dev is not a dependency
 * of newsdex; the script says how to install it).
 * Usage: html_parsers FILE...   (decompressed pages) */
#include <gumbo.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char** argv) {
  const int pages = argc - 1;
  if (pages < 1) {
    fprintf(stderr, "usage: html_parsers FILE...\n");
    return 2;
  }
  char** text = calloc((size_t)pages, sizeof *text);
  long* size = calloc((size_t)pages, sizeof *size);
  for (int i = 0; i < pages; ++i) {
    FILE* f = fopen(argv[i + 1], "rb");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size[i] = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
      fprintf(stderr, "html_parsers: cannot read %s\n", argv[i + 1]);
      return 1;
    }
    text[i] = malloc((size_t)size[i] + 1);
    if (fread(text[i], 1, (size_t)size[i], f) != (size_t)size[i]) return 1;
    text[i][size[i]] = 0;
    fclose(f);
  }
  xmlInitParser();
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                      HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
  double best_libxml2 = 1e9, best_gumbo = 1e9;
  for (int round = 0; round < 5; ++round) {
    double start = cpu_seconds();
    for (int i = 0; i < pages; ++i) {
      htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
      memset(ctxt->sax, 0, sizeof *ctxt->sax);
      htmlCtxtReadMemory(ctxt, text[i], (int)size[i], NULL, "UTF-8", options);
      htmlFreeParserCtxt(ctxt);
    }
    double mid = cpu_seconds();
    for (int i = 0; i < pages; ++i) {
      GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, text[i], (size_t)size[i]);
      gumbo_destroy_output(&kGumboDefaultOptions, out);
    }
    double end = cpu_seconds();
    if (mid - start < best_libxml2) best_libxml2 = mid - start;
    if (end - mid < best_gumbo) best_gumbo = end - mid;
  }
  printf("%d pages; CPU per page, fastest of 5 rounds (the two parsers alternate)\n", pages);
  printf("libxml2 %s (HTML parser, no tree)  %.3f ms\n", xmlParserVersion, 1000.0 * best_libxml2 / pages);
  printf("gumbo (HTML5 tree)                  %.3f ms  (%.1fx libxml2)\n", 1000.0 * best_gumbo / pages,
         best_gumbo / best_libxml2);
  return 0;
}
