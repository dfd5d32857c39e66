package org.sharemint.jobs;

/** A template from the node that cannot be mined on; its message is the reason, for the log. */
public final class BadTemplateException extends Exception {
    public BadTemplateException(String reason) {
        super(reason);
    }
}
