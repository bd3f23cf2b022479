// A small persistent thread pool: a job runs one function on the calling thread and on n-1 workers,
// each told its index. A worker that finishes a job watches for the next one for a while (1 ms,
// GRADLAB_POOL_SPIN_US) before it sleeps on a condition variable, and the caller watches for the
// workers to finish the same way: a product packs and then multiplies (two jobs), and a training
// step's kernels come with JavaScript between them, so an awake worker joins at once instead of
// after the OS's wake-up. That wake-up costs 40-50 us on a shared VM: with 30 us of watching, an
// MLP's first product after 100 us of JavaScript took 227 us instead of 181. OpenBLAS's threads
// watch far longer (about 0.1 s). A pool with no kernel for 1 ms sleeps; past the first 50 us a
// watching thread yields its core now and then to anything else that wants it.
#pragma once
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gradlab {

class ThreadPool {
 public:
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int size() const { return static_cast<int>(workers_.size()) + 1; }
  /**
   * Runs fn(t) on the caller (t = 0) and on up to n - 1 workers (t = 1 ...), and returns when the
   * caller's call and every worker call that started have returned. A worker that wakes only after
   * the caller's call has returned is skipped: fn must share its work out dynamically (claiming
   * chunks from a counter), so a late worker (a busy machine) delays nothing.
   */
  void run(int n, const std::function<void(int)>& fn);

 private:
  void loop(int index);

  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable wake_, done_;
  const std::function<void(int)>* job_ = nullptr;
  int job_threads_ = 0;
  std::atomic<long> generation_{0};
  std::atomic<int> started_{0}, finished_{0};
  bool open_ = false;
  std::atomic<bool> stop_{false};
  std::mutex run_mu_;  // one job at a time (worker threads of Node could call in together)
};

/** The process-wide pool: GRADLAB_NUM_THREADS threads, default the CPUs this process may use. */
ThreadPool& global_pool();
int default_thread_count();
void set_num_threads(int n);

/** A parallel loop over [0, n) in chunks of `grain`, claimed from a counter (a late worker delays nothing). */
template <class F>
void parallel_chunks(int64_t n, int64_t grain, const F& f) {
  ThreadPool& pool = global_pool();
  if (pool.size() == 1 || n < 2 * grain) {
    if (n > 0) f(int64_t(0), n);
    return;
  }
  const int64_t chunks = (n + grain - 1) / grain;
  std::atomic<int64_t> next{0};
  pool.run(pool.size(), [&](int) {
    for (int64_t c = next++; c < chunks; c = next++) f(c * grain, std::min(n, (c + 1) * grain));
  });
}

}  // namespace gradlab
