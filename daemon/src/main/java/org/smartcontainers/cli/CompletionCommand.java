package org.smartcontainers.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterDescription;
import com.beust.jcommander.Parameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Parameters(commandDescription = "Print a completion script for bash or zsh: sc's commands, their actions and options")
final class CompletionCommand {
    @Parameter(description = "bash|zsh", arity = 1)
    List<String> shell = new ArrayList<>();

    @Parameter(names = {"-h", "--help"}, help = true, description = "Show this help")
    boolean help;

    /** The script for the shell asked for, or {@link UsageError} naming the shells there are. */
    String script(JCommander sc) {
        Map<String, List<String>> words = words(sc);
        String shellName = shell.isEmpty() ? "" : shell.get(0);
        return switch (shellName) {
            case "bash" -> bash(words);
            case "zsh" -> zsh(words);
            default -> throw new UsageError("give the shell: bash or zsh" + (shellName.isEmpty() ? "" : ", not '" + shellName + "'"));
        };
    }

    /** By command path ("" for sc itself): the words that may come next, commands first, then options. */
    static Map<String, List<String>> words(JCommander sc) {
        Map<String, List<String>> words = new LinkedHashMap<>();
        collect(sc, "", words);
        return words;
    }

    private static void collect(JCommander command, String path, Map<String, List<String>> words) {
        List<String> next = new ArrayList<>(command.getCommands().keySet());
        for (ParameterDescription option : command.getParameters()) {
            if (!option.getParameter().hidden()) {
                next.addAll(List.of(option.getParameter().names()));
            }
        }
        words.put(path, next);
        command.getCommands().forEach((name, sub) -> collect(sub, path.isEmpty() ? name : path + " " + name, words));
    }

    /** Each command path as "parent/name", what the scripts match a word against. */
    private static String steps(Map<String, List<String>> words) {
        List<String> steps = new ArrayList<>();
        words.keySet().stream().filter(path -> !path.isEmpty()).forEach(path -> {
            int space = path.lastIndexOf(' ');
            steps.add("'" + (space < 0 ? "" : path.substring(0, space)) + "/" + path.substring(space + 1) + "'");
        });
        return String.join("|", steps);
    }

    private static String cases(Map<String, List<String>> words, String indent, String assign, String end) {
        StringBuilder cases = new StringBuilder();
        words.forEach((path, next) -> cases.append(indent).append("'").append(path).append("') ").append(assign)
                .append(String.join(" ", next)).append(end).append(" ;;\n"));
        return cases.toString();
    }

    static String bash(Map<String, List<String>> words) {
        return """
                # bash completion for sc; load it with: source <(sc completion bash)
                _sc() {
                    local cur="${COMP_WORDS[COMP_CWORD]}" scpath="" word i candidates
                    # The commands named so far (options and their values skipped) make the path.
                    for ((i = 1; i < COMP_CWORD; i++)); do
                        word="${COMP_WORDS[i]}"
                        case "$scpath/$word" in
                            %s) scpath="${scpath:+$scpath }$word" ;;
                        esac
                    done
                    case "$scpath" in
                %s    esac
                    COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
                }
                complete -o default -F _sc sc
                """.formatted(steps(words), cases(words, "        ", "candidates=\"", "\""));
    }

    static String zsh(Map<String, List<String>> words) {
        return """
                #compdef sc
                # zsh completion for sc; load it with: source <(sc completion zsh), or save it as _sc in $fpath
                _sc() {
                    local scpath="" word i
                    local -a candidates
                    # The commands named so far (options and their values skipped) make the path.
                    for ((i = 2; i < CURRENT; i++)); do
                        word="${words[i]}"
                        case "$scpath/$word" in
                            %s) scpath="${scpath:+$scpath }$word" ;;
                        esac
                    done
                    case "$scpath" in
                %s    esac
                    compadd -- "${candidates[@]}"
                    # Arguments are images, containers or files: files at least.
                    [[ "${words[CURRENT]}" == -* ]] || _files
                }
                if [[ "$funcstack[1]" == "_sc" ]]; then _sc "$@"; else compdef _sc sc; fi
                """.formatted(steps(words), cases(words, "        ", "candidates=(", ")"));
    }
}
