package org.sharemint.jobs;

import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;

/** jobs.source=template-provider: the SV2 Template Distribution Protocol client (not in this build yet). */
public final class TpSource {
    private TpSource() {}

    public static TemplateSource fromConfig(Config c, byte[] payoutScript) throws ConfigException {
        throw new ConfigException("jobs.source: template-provider is not available in this build yet; use bitcoind");
    }
}
