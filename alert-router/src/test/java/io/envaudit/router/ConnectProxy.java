package io.envaudit.router;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy on loopback that does what corporate proxies do for HTTPS: it takes {@code CONNECT
 * host:port}, opens a connection there, answers 200 and then passes bytes both ways untouched, so that
 * TLS runs end to end through it. It keeps the target of every CONNECT; anything but CONNECT gets 405.
 */
public final class ConnectProxy implements AutoCloseable {
    private static final int MAX_HEADER_BYTES = 8192;

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> connects = new ArrayList<>();
    private final List<Socket> open = new ArrayList<>();

    private ConnectProxy() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptAll);
    }

    public static ConnectProxy start() throws IOException {
        return new ConnectProxy();
    }

    /** As {@code HTTPS_PROXY} names it. */
    public String address() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** The {@code host:port} of each CONNECT, in order. */
    public synchronized List<String> connects() {
        return List.copyOf(connects);
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                keep(client);
                threads.execute(() -> tunnel(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void tunnel(Socket client) {
        try {
            String[] requestLine = readHeader(client.getInputStream()).split("\r\n", 2)[0].split(" ");
            OutputStream toClient = client.getOutputStream();
            if (requestLine.length != 3 || !requestLine[0].equals("CONNECT")) {
                toClient.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                client.close();
                return;
            }
            String target = requestLine[1];
            synchronized (this) {
                connects.add(target);
            }
            int colon = target.lastIndexOf(':');
            Socket server = keep(new Socket(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1))));
            toClient.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            toClient.flush();
            threads.execute(() -> pump(client, server));
            pump(server, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** The request line and headers, up to the blank line; byte by byte, so that nothing of the tunnel is read. */
    private static String readHeader(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        while (header.size() < MAX_HEADER_BYTES) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            header.write(b);
            if (header.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return header.toString(StandardCharsets.US_ASCII);
    }

    /** Copies until one side ends, then ends the other's sending side, as a half-close. */
    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private synchronized Socket keep(Socket connection) {
        open.add(connection);
        return connection;
    }

    private static void closeQuietly(Socket connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (this) {
            open.forEach(ConnectProxy::closeQuietly);
        }
        threads.shutdownNow();
    }
}
