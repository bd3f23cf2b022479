// tslab runs cells as CommonJS inside vm, where import() has no loader; a function compiled by
// Node's own CommonJS loader has one. kernel_bench.py loads gradlab into tslab through this.
module.exports = (url) => import(url);
