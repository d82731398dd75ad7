package io.callstream.emulator.call;

/** The client platforms the vendor reports in {@code optplatform} (protocol §1.1), spelt as it spells them. */
public enum Platform {
    iOS, Android, Web, miniProgram
}
