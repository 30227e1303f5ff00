/* A raw vector whose contents come from an R function at the moment R serialises it.
 *
 * saveRDS() offers no hook, so a model object cannot otherwise know when to capture its Python
 * side. An ALTREP raw vector can: R asks it for its serialised state while writing, and the
 * function it holds returns the model's .keras bytes then, so no verb pays for serialising the
 * model in advance. Read back, the state is a plain raw vector. */
#include <R.h>
#include <Rinternals.h>
#include <R_ext/Altrep.h>
#include <R_ext/Rdynload.h>

static R_altrep_class_t lazy_bytes_class;

static SEXP call_producer(SEXP x) {
  SEXP call = PROTECT(Rf_lang1(R_altrep_data1(x)));
  SEXP bytes = Rf_eval(call, R_GlobalEnv);
  if (TYPEOF(bytes) != RAWSXP) Rf_error("the model's byte producer must return a raw vector");
  UNPROTECT(1);
  return bytes;
}

/* Direct access (rare: only for inspection) materialises once and keeps the result. */
static SEXP materialised(SEXP x) {
  SEXP cached = R_altrep_data2(x);
  if (cached == R_NilValue) {
    cached = call_producer(x);
    R_set_altrep_data2(x, cached);
  }
  return cached;
}

static SEXP lazy_serialized_state(SEXP x) { return call_producer(x); }
static SEXP lazy_unserialize(SEXP cls, SEXP state) { return state; }
static R_xlen_t lazy_length(SEXP x) { return XLENGTH(materialised(x)); }
static void *lazy_dataptr(SEXP x, Rboolean writeable) { return RAW(materialised(x)); }
static const void *lazy_dataptr_or_null(SEXP x) {
  SEXP cached = R_altrep_data2(x);
  return cached == R_NilValue ? NULL : RAW(cached);
}
static Rboolean lazy_inspect(SEXP x, int pre, int deep, int pvec,
                             void (*inspect_subtree)(SEXP, int, int, int)) {
  Rprintf(" pybridge lazy model bytes\n");
  return TRUE;
}

static SEXP pb_lazy_bytes(SEXP producer) {
  if (!Rf_isFunction(producer)) Rf_error("`producer` must be a function");
  return R_new_altrep(lazy_bytes_class, producer, R_NilValue);
}

static const R_CallMethodDef call_methods[] = {
  {"pb_lazy_bytes", (DL_FUNC) &pb_lazy_bytes, 1},
  {NULL, NULL, 0}
};

void R_init_pybridge(DllInfo *dll) {
  lazy_bytes_class = R_make_altraw_class("pybridge_lazy_bytes", "pybridge", dll);
  R_set_altrep_Serialized_state_method(lazy_bytes_class, lazy_serialized_state);
  R_set_altrep_Unserialize_method(lazy_bytes_class, lazy_unserialize);
  R_set_altrep_Length_method(lazy_bytes_class, lazy_length);
  R_set_altrep_Inspect_method(lazy_bytes_class, lazy_inspect);
  R_set_altvec_Dataptr_method(lazy_bytes_class, lazy_dataptr);
  R_set_altvec_Dataptr_or_null_method(lazy_bytes_class, lazy_dataptr_or_null);
  R_registerRoutines(dll, NULL, call_methods, NULL, NULL);
  R_useDynamicSymbols(dll, FALSE);
}
