package io.callstream.launcher.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Which ports are free, checked before anything starts so that a clash is reported as such, by its flag. */
public final class Ports {

    private Ports() {
    }

    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that was free a moment ago. */
    public static int anyFree(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws PortInUseException naming the flag that moves the service elsewhere */
    public static void requireFree(String host, int port, String what, String flag) {
        if (port != 0 && !isFree(host, port)) {
            throw new PortInUseException(what + " cannot listen on port " + port + ": it is in use. Stop what uses it, or pick another port with "
                    + flag + ".");
        }
    }

    public static final class PortInUseException extends RuntimeException {
        public PortInUseException(String message) {
            super(message);
        }
    }
}
