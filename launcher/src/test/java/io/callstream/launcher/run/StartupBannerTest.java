package io.callstream.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The banner's secret key line: the key only when nobody can have it yet, else its fingerprint. */
class StartupBannerTest {

    private static final DataDirectory DATA = new DataDirectory(Path.of("/srv/callstream/data"));
    /** sha256("abc") starts ba7816bf. */
    private static final String KEY = "abc";

    @Test
    void aKeyGeneratedNowIsShownOnce() {
        assertThat(StartupBanner.secretKey(new SecretKey(KEY, SecretKey.Origin.GENERATED), DATA))
                .isEqualTo("abc  (generated now, saved in /srv/callstream/data/secret.key)");
    }

    @Test
    void aKeyFromTheEnvironmentIsShownByItsFingerprintOnly() {
        String line = StartupBanner.secretKey(new SecretKey("5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e",
                SecretKey.Origin.ENVIRONMENT), DATA);
        assertThat(line).startsWith("fingerprint ").endsWith("  (from CALLSTREAM_SECRET_KEY)").doesNotContain("5bd2850f");
        assertThat(StartupBanner.secretKey(new SecretKey(KEY, SecretKey.Origin.ENVIRONMENT), DATA))
                .isEqualTo("fingerprint ba7816bf  (from CALLSTREAM_SECRET_KEY)");
    }

    @Test
    void aSavedKeyIsShownByItsFingerprintOnly() {
        assertThat(StartupBanner.secretKey(new SecretKey(KEY, SecretKey.Origin.PERSISTED), DATA))
                .isEqualTo("fingerprint ba7816bf  (saved in /srv/callstream/data/secret.key)");
    }
}
