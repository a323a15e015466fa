package io.envaudit.cli;

/** The help of the agent jar's commands (agent, audit, convert). */
class AgentHelpTextTest extends HelpTextContract {
    @Override
    Object root() {
        return new EnvauditAgentCommand();
    }
}
