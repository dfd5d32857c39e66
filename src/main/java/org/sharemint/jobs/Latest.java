package org.sharemint.jobs;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.sharemint.bitcoin.BlockTemplate;

/** The newest template of a source, which one consumer waits on (older ones are not queued: only the newest matters). */
final class Latest {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long serial;
    private BlockTemplate template;

    void publish(BlockTemplate t) {
        lock.lock();
        try {
            serial++;
            template = t;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    BlockTemplate current() {
        lock.lock();
        try {
            return template;
        } finally {
            lock.unlock();
        }
    }

    TemplateSource.Published next(long afterSerial, long timeoutMillis) throws InterruptedException {
        long left = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (serial <= afterSerial || template == null) {
                if (left <= 0) return null;
                left = changed.awaitNanos(left);
            }
            return new TemplateSource.Published(serial, template);
        } finally {
            lock.unlock();
        }
    }
}
