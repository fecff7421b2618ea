import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Writes {@code AppStrings.kt}, the screens' words in every language the app
 * ships, from the app's Android string resources ({@code res/values/strings*.xml}
 * in the default language named by {@code res/resources.properties}, and
 * {@code res/values-xx/strings*.xml} for each translation). Those XML files
 * stay the single source: Gradle runs this for the Android build and Maven for
 * the host build, so both compile the same words.
 *
 * <p>Texts are read as aapt2 reads them (whitespace collapsed outside double
 * quotes, the backslash escapes, an unescaped apostrophe refused); a key whose
 * translation is missing, or whose placeholders differ from the default
 * text's, falls back to the default text, as Android does, and is listed in
 * the generated {@code untranslated} so that a test can fail on it.
 *
 * <p>Run with Java 17 as a source file:
 * {@code java GenerateStrings.java RES_DIR OUTPUT_DIR}.
 */
public final class GenerateStrings {
    private static final String PACKAGE = "org.sentier.app.ui";
    private static final Pattern PLACEHOLDER = Pattern.compile("%(?:(\\d+)\\$)?([sdf%])");

    /** One text of a language, and whether it may be translated. */
    private record Text(String value, boolean translatable) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: java GenerateStrings.java RES_DIR OUTPUT_DIR");
        }
        Path res = Path.of(args[0]);
        Path output = Path.of(args[1]);
        String defaultLanguage = defaultLanguage(res);
        Map<String, Text> defaults = texts(res.resolve("values"));
        Map<String, Map<String, Text>> translations = new TreeMap<>();
        try (Stream<Path> folders = Files.list(res)) {
            for (Path folder : (Iterable<Path>) folders.sorted()::iterator) {
                String name = folder.getFileName().toString();
                if (name.matches("values-[a-z]{2,3}")) {
                    Map<String, Text> texts = texts(folder);
                    if (!texts.isEmpty()) {
                        translations.put(name.substring("values-".length()), texts);
                    }
                }
            }
        }
        Path file = output.resolve(PACKAGE.replace('.', '/')).resolve("AppStrings.kt");
        Files.createDirectories(file.getParent());
        String source = kotlin(defaultLanguage, defaults, translations);
        // Unchanged output keeps its date, so incremental builds skip it.
        if (!Files.exists(file) || !Files.readString(file).equals(source)) {
            Files.writeString(file, source, StandardCharsets.UTF_8);
        }
    }

    private static String defaultLanguage(Path res) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(res.resolve("resources.properties"))) {
            properties.load(reader);
        }
        String language = properties.getProperty("unqualifiedResLocale");
        if (language == null) {
            throw new IllegalStateException(res.resolve("resources.properties") + " names no unqualifiedResLocale");
        }
        return language;
    }

    /** The strings of every strings*.xml file of [folder], by name, in file order. */
    private static Map<String, Text> texts(Path folder) throws Exception {
        Map<String, Text> texts = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return texts;
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(p -> p.getFileName().toString().matches("strings.*\\.xml")).sorted().toList();
        }
        for (Path file : files) {
            NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(file.toFile()).getDocumentElement().getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (!(nodes.item(i) instanceof Element element)) {
                    continue;
                }
                String name = element.getAttribute("name");
                if (!element.getTagName().equals("string")) {
                    throw new IllegalStateException(file + ": <" + element.getTagName() + " name=\"" + name
                            + "\"> is not supported; the screens take <string> only");
                }
                for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child.getNodeType() == Node.ELEMENT_NODE) {
                        throw new IllegalStateException(file + ": string " + name + " has markup, which the screens do not draw");
                    }
                }
                if (texts.put(name, new Text(unescape(element.getTextContent(), file + ": string " + name),
                        !"false".equals(element.getAttribute("translatable")))) != null) {
                    throw new IllegalStateException(file + ": string " + name + " is defined twice in " + folder);
                }
            }
        }
        return texts;
    }

    /** The text as Android shows it: aapt2's whitespace, quote and escape rules. */
    private static String unescape(String raw, String where) {
        StringBuilder text = new StringBuilder();
        boolean quoted = false;
        boolean space = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                if (++i == raw.length()) {
                    throw new IllegalStateException(where + " ends with a lone backslash");
                }
                char escaped = raw.charAt(i);
                switch (escaped) {
                    case 'n' -> text.append('\n');
                    case 't' -> text.append('\t');
                    case 'u' -> {
                        text.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> text.append(escaped);
                }
                space = false;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '\'' && !quoted) {
                throw new IllegalStateException(where + " has an unescaped apostrophe: write \\' (aapt2 refuses it too)");
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!space) {
                    text.append(' ');
                }
                space = true;
            } else {
                text.append(c);
                space = false;
            }
        }
        return text.toString().strip();
    }

    /** The Kotlin types of the arguments of [text], in order. */
    private static List<String> arguments(String text) {
        TreeMap<Integer, String> types = new TreeMap<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int next = 1;
        while (matcher.find()) {
            if (matcher.group(2).equals("%")) {
                continue;
            }
            int position = matcher.group(1) != null ? Integer.parseInt(matcher.group(1)) : next++;
            types.put(position, switch (matcher.group(2)) {
                case "d" -> "Int";
                case "f" -> "Double";
                default -> "String";
            });
        }
        List<String> arguments = new ArrayList<>(types.values());
        if (!types.isEmpty() && types.size() != types.lastKey()) {
            throw new IllegalStateException("placeholders of \"" + text + "\" skip a position");
        }
        return arguments;
    }

    private static String kotlin(String defaultLanguage, Map<String, Text> defaults,
            Map<String, Map<String, Text>> translations) {
        List<String> keys = new ArrayList<>(defaults.keySet());
        StringBuilder out = new StringBuilder();
        out.append("// Generated by android/app/tools/GenerateStrings.java from res/values*/strings*.xml:\n")
                .append("// edit those files, not this one.\n")
                .append("package ").append(PACKAGE).append("\n\n")
                .append("import java.util.Locale\n\n")
                .append("/**\n")
                .append(" * The app's own words in one language, from its Android string resources\n")
                .append(" * (the single source of the Android and the host builds); every other text\n")
                .append(" * on screen is the core's.\n")
                .append(" */\n")
                .append("class AppStrings private constructor(\n")
                .append("    /** The language's code, as the core's `languageCode` writes it. */\n")
                .append("    val languageCode: String,\n")
                .append("    /** The keys this language has no valid translation for (the default text is used). */\n")
                .append("    val untranslated: List<String>,\n")
                .append("    /** The keys of this language's files that the default language does not have. */\n")
                .append("    val unknown: List<String>,\n")
                .append("    private val texts: Array<String>,\n")
                .append(") {\n")
                .append("    private val locale: Locale = Locale.forLanguageTag(languageCode)\n");
        for (int index = 0; index < keys.size(); index++) {
            String key = keys.get(index);
            String text = defaults.get(key).value();
            List<String> arguments = arguments(text);
            out.append("\n    /** `").append(text.replace("*/", "*&#47;").replace("\n", " ")).append("` */\n");
            if (arguments.isEmpty()) {
                out.append("    val ").append(camel(key)).append(": String get() = texts[").append(index).append("]\n");
            } else {
                List<String> parameters = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (int i = 0; i < arguments.size(); i++) {
                    parameters.add("arg" + (i + 1) + ": " + arguments.get(i));
                    names.add("arg" + (i + 1));
                }
                out.append("    fun ").append(camel(key)).append("(").append(String.join(", ", parameters))
                        .append("): String = String.format(locale, texts[").append(index).append("], ")
                        .append(String.join(", ", names)).append(")\n");
            }
        }
        out.append("\n    companion object {\n")
                .append("        /** Every language the app ships, the default one first. */\n")
                .append("        val all: List<AppStrings> = listOf(\n");
        out.append(language(defaultLanguage, keys, defaults, defaults));
        for (Map.Entry<String, Map<String, Text>> translation : translations.entrySet()) {
            out.append(language(translation.getKey(), keys, defaults, translation.getValue()));
        }
        out.append("        )\n\n")
                .append("        /** The words in the language of [code] (`fr`), else in the default language. */\n")
                .append("        fun forLanguage(code: String): AppStrings = all.firstOrNull { it.languageCode == code } ?: all.first()\n")
                .append("    }\n")
                .append("}\n");
        return out.toString();
    }

    private static String language(String code, List<String> keys, Map<String, Text> defaults, Map<String, Text> texts) {
        List<String> untranslated = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String key : keys) {
            Text fallback = defaults.get(key);
            Text text = texts.get(key);
            boolean valid = text != null && arguments(text.value()).equals(arguments(fallback.value()));
            if (!valid && fallback.translatable()) {
                untranslated.add(key);
            }
            values.add(literal(valid ? text.value() : fallback.value()));
        }
        List<String> unknown = texts.keySet().stream().filter(key -> !defaults.containsKey(key)).map(GenerateStrings::literal).toList();
        return "            AppStrings(\n"
                + "                " + literal(code) + ",\n"
                + "                listOf(" + String.join(", ", untranslated.stream().map(GenerateStrings::literal).toList()) + "),\n"
                + "                listOf(" + String.join(", ", unknown) + "),\n"
                + "                arrayOf(\n"
                + values.stream().map(v -> "                    " + v + ",\n").reduce("", String::concat)
                + "                ),\n"
                + "            ),\n";
    }

    private static String camel(String key) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    private static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '$' -> out.append("\\$");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private GenerateStrings() {}
}
