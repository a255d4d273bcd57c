/* OpenCV's BLAS/LAPACK calls forwarded to NumPy's OpenBLAS: a 17 KB stand-in for the 38 MB
 * libopenblasp-r0-59ffcd50.3.15.so that opencv-python-headless vendors (packaging/README.md).
 * packaging/slim.py compiles it after PyInstaller, on Linux, into the bundle's
 * opencv_python_headless.libs/ under OpenCV's file name and soname:
 *
 *   gcc -O2 -shared -fPIC -o libopenblasp-r0-59ffcd50.3.15.so \
 *       -Wl,-soname,libopenblasp-r0-59ffcd50.3.15.so openblas_shim.c \
 *       -L.../numpy.libs -l:libscipy_openblas64_-32a4b2a6.so -Wl,-rpath,'$ORIGIN/../numpy.libs'
 *
 * cv2.abi3.so imports exactly these 19 functions from its OpenBLAS (`nm -D --undefined-only`;
 * slim.py refuses the shim if a new OpenCV imports one more). NumPy's wheel ships them as
 * scipy_openblas64_ (64-bit integers, `scipy_` prefix, `64_` suffix), so each one here widens
 * its integer arguments, and the pivot/workspace arrays of getrf, gesv and gesdd, and calls
 * NumPy's. tests/packaging/test_slim.py checks that cv2.gemm, solve (LU, SVD, QR, Cholesky),
 * SVDecomp, determinant, invert (float32 and float64) and eigenNonSymmetric give the real
 * library's results through it.
 */
#include <stdint.h>
#include <stdlib.h>
typedef int64_t I;
#define SGEMM(p, T, S) \
  extern void scipy_cblas_##p##gemm64_(int, int, int, I, I, I, S, const T *, I, const T *, I, S, T *, I); \
  void cblas_##p##gemm(int o, int ta, int tb, int m, int n, int k, S al, const T *a, int lda, const T *b, int ldb, \
                       S be, T *c, int ldc) { scipy_cblas_##p##gemm64_(o, ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc); }
SGEMM(s, float, float)
SGEMM(d, double, double)
SGEMM(c, void, const void *)
SGEMM(z, void, const void *)

#define L(x) I x##_ = *x
#define GELS(p, T) extern void scipy_##p##gels_64_(const char *, I *, I *, I *, T *, I *, T *, I *, T *, I *, I *, size_t); \
  void p##gels_(const char *tr, int *m, int *n, int *nrhs, T *a, int *lda, T *b, int *ldb, T *w, int *lw, int *info) { \
    L(m); L(n); L(nrhs); L(lda); L(ldb); L(lw); I info_ = 0; \
    scipy_##p##gels_64_(tr, &m_, &n_, &nrhs_, a, &lda_, b, &ldb_, w, &lw_, &info_, 1); *info = (int)info_; }
GELS(s, float) GELS(d, double)
#define GEQRF(p, T) extern void scipy_##p##geqrf_64_(I *, I *, T *, I *, T *, T *, I *, I *); \
  void p##geqrf_(int *m, int *n, T *a, int *lda, T *tau, T *w, int *lw, int *info) { \
    L(m); L(n); L(lda); L(lw); I info_ = 0; scipy_##p##geqrf_64_(&m_, &n_, a, &lda_, tau, w, &lw_, &info_); *info = (int)info_; }
GEQRF(s, float) GEQRF(d, double)
#define GESDD(p, T) extern void scipy_##p##gesdd_64_(const char *, I *, I *, T *, I *, T *, T *, I *, T *, I *, T *, I *, I *, I *, size_t); \
  void p##gesdd_(const char *j, int *m, int *n, T *a, int *lda, T *s, T *u, int *ldu, T *vt, int *ldvt, T *w, int *lw, \
                 int *iw, int *info) { \
    L(m); L(n); L(lda); L(ldu); L(ldvt); L(lw); I info_ = 0; I k = (m_ < n_ ? m_ : n_); \
    I *iw_ = malloc(sizeof(I) * (8 * k + 1)); \
    if (!iw_) { *info = -13; return; } \
    scipy_##p##gesdd_64_(j, &m_, &n_, a, &lda_, s, u, &ldu_, vt, &ldvt_, w, &lw_, iw_, &info_, 1); \
    free(iw_); *info = (int)info_; }
GESDD(s, float) GESDD(d, double)
#define GETRF(p, T) extern void scipy_##p##getrf_64_(I *, I *, T *, I *, I *, I *); \
  void p##getrf_(int *m, int *n, T *a, int *lda, int *ipiv, int *info) { \
    L(m); L(n); L(lda); I info_ = 0; I k = (m_ < n_ ? m_ : n_); I *piv = malloc(sizeof(I) * (k + 1)); \
    if (!piv) { *info = -5; return; } \
    scipy_##p##getrf_64_(&m_, &n_, a, &lda_, piv, &info_); \
    for (I i = 0; i < k; i++) ipiv[i] = (int)piv[i]; free(piv); *info = (int)info_; }
GETRF(s, float) GETRF(d, double)
#define GESV(p, T) extern void scipy_##p##gesv_64_(I *, I *, T *, I *, I *, T *, I *, I *); \
  void p##gesv_(int *n, int *nrhs, T *a, int *lda, int *ipiv, T *b, int *ldb, int *info) { \
    L(n); L(nrhs); L(lda); L(ldb); I info_ = 0; I *piv = malloc(sizeof(I) * (n_ + 1)); \
    if (!piv) { *info = -5; return; } \
    scipy_##p##gesv_64_(&n_, &nrhs_, a, &lda_, piv, b, &ldb_, &info_); \
    for (I i = 0; i < n_; i++) ipiv[i] = (int)piv[i]; free(piv); *info = (int)info_; }
GESV(s, float) GESV(d, double)
#define POSV(p, T) extern void scipy_##p##posv_64_(const char *, I *, I *, T *, I *, T *, I *, I *, size_t); \
  void p##posv_(const char *up, int *n, int *nrhs, T *a, int *lda, T *b, int *ldb, int *info) { \
    L(n); L(nrhs); L(lda); L(ldb); I info_ = 0; scipy_##p##posv_64_(up, &n_, &nrhs_, a, &lda_, b, &ldb_, &info_, 1); \
    *info = (int)info_; }
POSV(s, float) POSV(d, double)
#define POTRF(p, T) extern void scipy_##p##potrf_64_(const char *, I *, T *, I *, I *, size_t); \
  void p##potrf_(const char *up, int *n, T *a, int *lda, int *info) { \
    L(n); L(lda); I info_ = 0; scipy_##p##potrf_64_(up, &n_, a, &lda_, &info_, 1); *info = (int)info_; }
POTRF(s, float) POTRF(d, double)
extern void scipy_dgeev_64_(const char *, const char *, I *, double *, I *, double *, double *, double *, I *, double *,
                            I *, double *, I *, I *, size_t, size_t);
void dgeev_(const char *jl, const char *jr, int *n, double *a, int *lda, double *wr, double *wi, double *vl, int *ldvl,
            double *vr, int *ldvr, double *w, int *lw, int *info) {
  L(n); L(lda); L(ldvl); L(ldvr); L(lw); I info_ = 0;
  scipy_dgeev_64_(jl, jr, &n_, a, &lda_, wr, wi, vl, &ldvl_, vr, &ldvr_, w, &lw_, &info_, 1, 1); *info = (int)info_; }
