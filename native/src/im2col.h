// im2col / col2im (F.unfold / F.fold) over dense [planes, H, W] input, the column side laid out
// [planes * kh * kw, oh * ow] per plane, as PyTorch's im2col. Planes are split between threads.
#pragma once
#include <cstdint>

namespace gradlab {

struct Window2d {
  int64_t H, W, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow;
};

template <class T>
void im2col(const T* x, T* cols, int64_t planes, const Window2d& g);
/**
 * im2col of N images of C planes with the batch folded into the columns: [C * kh * kw, N * oh * ow]
 * (image n's columns at n * oh * ow), the right operand of one product for the whole batch.
 */
template <class T>
void im2col_folded(const T* x, T* cols, int64_t N, int64_t C, const Window2d& g);
/** The adjoint: overlapping taps add up (in double, rounded once), in PyTorch's col2im order (taps, rows, columns). */
template <class T>
void col2im(const T* cols, T* x, int64_t planes, const Window2d& g);

/** The adjoint of im2col_folded: [C * kh * kw, N * oh * ow] -> [N, C, H, W], summed as col2im. */
template <class T>
void col2im_folded(const T* cols, T* x, int64_t N, int64_t C, const Window2d& g);

}  // namespace gradlab
