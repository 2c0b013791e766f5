//go:build !unix

package store

// cpuTime is unknown here: benchmarks report wall time only.
func cpuTime() int64 { return -1 }
