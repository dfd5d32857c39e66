package org.sharemint.downstream;

import java.io.IOException;

/** The pool said no (to the setup, an extension or a channel): retrying soon will not help. */
public final class RefusedException extends IOException {
    public RefusedException(String message) {
        super(message);
    }
}
