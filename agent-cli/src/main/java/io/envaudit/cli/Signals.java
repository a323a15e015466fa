package io.envaudit.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.IntConsumer;

/**
 * Handlers for POSIX signals (INT, TERM) through {@code sun.misc.Signal}, the JDK's one way to handle a
 * signal (module jdk.unsupported, in every JDK 17). Called through reflection because javac warns, with
 * no means to suppress it, wherever that class is named.
 */
final class Signals {
    private Signals() {
    }

    /** The handler a signal had before: {@link #restore()} puts it back. */
    record Replaced(Object signal, Object handler) {
        void restore() {
            install(signal, handler);
        }
    }

    /**
     * From now on the signal runs {@code handler} with its number, on a thread of the JVM's, instead of what
     * it did before (for INT and TERM, by default: run the shutdown hooks, then exit with 128 + the number).
     */
    static Replaced handle(String name, IntConsumer handler) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Object signal = signalType.getConstructor(String.class).newInstance(name);
            Method number = signalType.getMethod("getNumber");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object ours = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerType},
                    (self, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            handler.accept((int) number.invoke(args[0]));
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        default -> "envaudit's SIG" + name + " handler"; // toString, the only other method a proxy gets
                    });
            return new Replaced(signal, install(signal, ours));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot handle SIG" + name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot handle SIG" + name + ": " + e, e);
        }
    }

    /** Signal.handle(signal, handler), returning the handler it replaced. */
    private static Object install(Object signal, Object handler) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            return signalType.getMethod("handle", signalType, Class.forName("sun.misc.SignalHandler")).invoke(null, signal, handler);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot handle " + signal + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot handle " + signal + ": " + e, e);
        }
    }
}
