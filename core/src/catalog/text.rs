//! Turning the HTML of Geotrek's rich-text fields into plain text for search
//! indexing and one-line teasers.

/// The text of `html` without tags, entities decoded, whitespace collapsed.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(['<', '&']) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = &rest[..end];
            // Block elements separate words; inline ones do not.
            if tag.starts_with("</p")
                || tag.starts_with("<br")
                || tag.starts_with("<li")
                || tag.starts_with("</h")
            {
                out.push(' ');
            }
            rest = &rest[end..];
        } else {
            let end = rest[1..]
                .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
                .map(|i| i + 1);
            match end
                .filter(|&i| rest[i..].starts_with(';'))
                .and_then(|i| entity(&rest[1..i]).map(|c| (i, c)))
            {
                Some((i, decoded)) => {
                    out.push(decoded);
                    rest = &rest[i + 1..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "agrave" => 'à',
        "acirc" => 'â',
        "ccedil" => 'ç',
        "ocirc" => 'ô',
        "icirc" => 'î',
        "ucirc" => 'û',
        "ugrave" => 'ù',
        "rsquo" => '’',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn strips_tags_and_decodes_entities() {
        assert_eq!(
            plain_text(
                "<p>Balad'&acirc;ne&nbsp;- Salbis</p><ol><li>D&eacute;part</li><li>Mont&#233;e</li></ol>"
            ),
            "Balad'âne - Salbis Départ Montée"
        );
        assert_eq!(plain_text("A &unknown; & B"), "A &unknown; & B");
        assert_eq!(plain_text("unterminated <b"), "unterminated");
    }
}
