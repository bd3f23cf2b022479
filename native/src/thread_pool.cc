#include "thread_pool.h"

#include <chrono>
#include <cstdlib>
#include <memory>
#include <thread>
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#endif
#ifdef __linux__
#include <sched.h>
#endif

namespace gradlab {

/** How long a worker watches for the next job after finishing one (thread_pool.h). */
static std::chrono::microseconds spin_time() {
  static const std::chrono::microseconds t([] {
    const char* env = std::getenv("GRADLAB_POOL_SPIN_US");
    return env ? std::max(0, std::atoi(env)) : 1000;
  }());
  return t;
}

static inline void cpu_relax() {
#if defined(__x86_64__) || defined(_M_X64)
  _mm_pause();
#else
  std::this_thread::yield();
#endif
}

/**
 * One step of watching for `spin_time()` from `from`: a pause, and every 64 steps a look at the
 * clock. False once the time is up; past the first 50 us the look also yields, so a watching thread
 * gives its core to anything else that wants it (another process, the test runner's other workers)
 * instead of holding it for the whole millisecond.
 */
static inline bool keep_watching(int k, std::chrono::steady_clock::time_point from) {
  cpu_relax();
  if ((k & 63) != 63) return true;
  const auto waited = std::chrono::steady_clock::now() - from;
  if (waited >= spin_time()) return false;
  if (waited > std::chrono::microseconds(50)) std::this_thread::yield();
  return true;
}

ThreadPool::ThreadPool(int threads) {
  for (int i = 1; i < threads; i++) workers_.emplace_back([this, i] { loop(i); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& w : workers_) w.join();
}

void ThreadPool::run(int n, const std::function<void(int)>& fn) {
  if (n <= 1 || workers_.empty()) {
    fn(0);
    return;
  }
  if (n > size()) n = size();
  std::lock_guard<std::mutex> serial(run_mu_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    job_ = &fn;
    job_threads_ = n;
    started_ = finished_ = 0;
    open_ = true;
    generation_++;
  }
  wake_.notify_all();
  fn(0);
  {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = false;  // workers not started yet skip this job
  }
  // The workers that started finish about when the caller does (they claim work in chunks):
  // watch for them a moment before sleeping, as the workers watch for jobs.
  const auto from = std::chrono::steady_clock::now();
  for (int k = 0; finished_.load(std::memory_order_acquire) != started_.load(std::memory_order_acquire); k++)
    if (!keep_watching(k, from)) break;
  std::unique_lock<std::mutex> lock(mu_);
  done_.wait(lock, [this] { return finished_ == started_; });
  job_ = nullptr;
}

void ThreadPool::loop(int index) {
  long seen = 0;
  for (;;) {
    const std::function<void(int)>* job;
    // Watch for the next job for a moment before sleeping (the first wait sleeps at once).
    if (seen != 0) {
      const auto from = std::chrono::steady_clock::now();
      for (int k = 0; generation_.load(std::memory_order_acquire) == seen && !stop_.load(std::memory_order_relaxed); k++)
        if (!keep_watching(k, from)) break;
    }
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      if (!open_ || index >= job_threads_) continue;
      started_++;
      job = job_;
    }
    (*job)(index);
    std::lock_guard<std::mutex> lock(mu_);
    if (++finished_ == started_ && !open_) done_.notify_one();
  }
}

int default_thread_count() {
  if (const char* env = std::getenv("GRADLAB_NUM_THREADS")) {
    int n = std::atoi(env);
    if (n > 0) return n;
  }
#ifdef __linux__
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
#endif
  unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? static_cast<int>(n) : 1;
}

static std::unique_ptr<ThreadPool>& pool_slot() {
  static std::unique_ptr<ThreadPool> pool;
  return pool;
}

ThreadPool& global_pool() {
  auto& p = pool_slot();
  if (!p) p.reset(new ThreadPool(default_thread_count()));
  return *p;
}

void set_num_threads(int n) {
  auto& p = pool_slot();
  if (n < 1) n = 1;
  if (p && p->size() == n) return;
  p.reset(new ThreadPool(n));
}

}  // namespace gradlab
