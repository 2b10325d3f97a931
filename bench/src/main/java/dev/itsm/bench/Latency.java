package dev.itsm.bench;

import org.HdrHistogram.Histogram;

/** Throughput and latency of one load run, in the units the tables print (requests/s, milliseconds). */
record Latency(long requests, long errors, double seconds, double p50, double p99, double p999, double mean) {

    double rate() {
        return seconds <= 0 ? 0 : requests / seconds;
    }

    /** From a histogram recorded in microseconds. */
    static Latency of(Histogram micros, long errors, double seconds) {
        if (micros.getTotalCount() == 0) {
            return new Latency(0, errors, seconds, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Latency(micros.getTotalCount(), errors, seconds, micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0, micros.getValueAtPercentile(99.9) / 1000.0,
                micros.getMean() / 1000.0);
    }

    static Histogram histogram() {
        return new Histogram(3_600_000_000L, 3);
    }
}
