package io.envaudit.cli;

/** The help of the full jar's commands: up, run, route, rules, dlq, spec, version beside the agent jar's. */
class EnvauditHelpTextTest extends HelpTextContract {
    @Override
    Object root() {
        return new EnvauditCommand();
    }
}
