//! The parts of `sentier trek` beyond figures and what lies along: the
//! trek's texts, how to get there and park, accessibility, grades, links,
//! booking, who provided it, and the credits its photos require.

use sentier_core::catalog::{TrekDetail, plain_text};

use crate::output::Language;

/// Prints a titled paragraph of `html` as plain text, when it has any.
fn section(title: &str, html: &str) {
    let text = plain_text(html);
    if !text.trim().is_empty() {
        println!("\n{title}\n{}", text.trim());
    }
}

/// Prints the trek's descriptive fields, in the order a hiker reads them.
pub fn print(detail: &TrekDetail, words: &Language) {
    let tags = [
        detail
            .route
            .iter()
            .map(|c| c.label.clone())
            .collect::<Vec<_>>(),
        detail.themes.iter().map(|c| c.label.clone()).collect(),
        detail.labels.iter().map(|c| c.label.clone()).collect(),
    ]
    .concat();
    if !tags.is_empty() {
        println!("{}", tags.join(" · "));
    }
    if !detail.networks.is_empty() {
        let networks: Vec<&str> = detail.networks.iter().map(|c| c.label.as_str()).collect();
        println!(
            "{} {}",
            words.pick("Waymarking:", "Balisage :"),
            networks.join(", ")
        );
    }
    if !detail.cities.is_empty() {
        println!(
            "{} {}",
            words.pick("Cities:", "Communes :"),
            detail.cities.join(", ")
        );
    }
    section(
        words.pick("Description", "Description"),
        &detail.description_html,
    );
    for point in &detail.reference_points {
        println!(
            "  ({}) {:.5}, {:.5}",
            point.number, point.position.lat, point.position.lon
        );
    }
    section(words.pick("Ambiance", "Ambiance"), &detail.ambiance_html);
    section(words.pick("Access", "Accès routier"), &detail.access_html);
    section(
        words.pick("Parking", "Parking conseillé"),
        &detail.advised_parking_html,
    );
    if let Some(parking) = &detail.parking_point {
        println!("  P {:.5}, {:.5}", parking.lat, parking.lon);
    }
    section(
        words.pick("Public transport", "Transports en commun"),
        &detail.public_transport_html,
    );
    section(words.pick("Advice", "Recommandations"), &detail.advice_html);
    section(words.pick("Gear", "Équipement"), &detail.gear_html);
    print_accessibility(detail, words);
    if !detail.ratings.is_empty() {
        println!("\n{}", words.pick("Grades:", "Cotations :"));
        for rating in &detail.ratings {
            println!("  {}: {}", rating.scale, rating.name);
        }
    }
    section(
        words.pick("About the grades", "À propos des cotations"),
        &detail.ratings_description_html,
    );
    if let Some(reservation) = &detail.reservation {
        println!(
            "\n{} {} {}",
            words.pick("Booking:", "Réservation :"),
            reservation.system,
            reservation.reservation_id
        );
    }
    if !detail.information_desks.is_empty() {
        println!("\n{}", words.pick("Information:", "Informations :"));
        for desk in &detail.information_desks {
            let contact = [desk.phone.clone(), desk.website.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            println!("  {} — {} {}", desk.name, desk.address, contact);
        }
    }
    if !detail.web_links.is_empty() {
        println!("\n{}", words.pick("Links:", "Liens :"));
        for link in &detail.web_links {
            let category = link
                .category
                .as_ref()
                .map(|c| format!("[{}] ", c.label))
                .unwrap_or_default();
            println!("  {category}{} <{}>", link.name, link.url);
        }
    }
    for (label, url) in [("PDF", &detail.pdf_url), ("GPX", &detail.gpx_url)] {
        if let Some(url) = url {
            println!("{label}: {url}");
        }
    }
    print_credits(detail, words);
}

fn print_accessibility(detail: &TrekDetail, words: &Language) {
    let access = &detail.accessibility;
    if access.is_empty() && detail.accessibilities.is_empty() {
        return;
    }
    println!("\n{}", words.pick("Accessibility:", "Accessibilité :"));
    let kinds: Vec<&str> = detail
        .accessibilities
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    if !kinds.is_empty() {
        println!("  {}", kinds.join(", "));
    }
    if let Some(level) = &access.level {
        println!("  {} {}", words.pick("Level:", "Niveau :"), level.label);
    }
    for (title, html) in [
        (
            words.pick("Equipment", "Aménagements"),
            &access.disabled_infrastructure_html,
        ),
        (words.pick("Slope", "Pente"), &access.slope_html),
        (words.pick("Width", "Largeur"), &access.width_html),
        (words.pick("Signage", "Signalétique"), &access.signage_html),
        (words.pick("Surface", "Revêtement"), &access.covering_html),
        (words.pick("Exposure", "Exposition"), &access.exposure_html),
        (words.pick("Advice", "Conseils"), &access.advice_html),
    ] {
        let text = plain_text(html);
        if !text.trim().is_empty() {
            println!("  {title}: {}", text.trim());
        }
    }
}

/// Who provided the trek, and each photo's legend and author: showing them
/// is what the photos' licences ask.
fn print_credits(detail: &TrekDetail, words: &Language) {
    let providers: Vec<String> = detail
        .structure
        .iter()
        .cloned()
        .chain(detail.sources.iter().map(|s| match &s.website {
            Some(site) => format!("{} <{site}>", s.name),
            None => s.name.clone(),
        }))
        .collect();
    if !providers.is_empty() {
        println!(
            "\n{} {}",
            words.pick("Provided by:", "Fourni par :"),
            providers.join(", ")
        );
    }
    let photos: Vec<String> = detail
        .media
        .iter()
        .chain(&detail.accessibility.media)
        .filter(|m| m.is_image)
        .map(|m| {
            let caption = m.legend.clone().or(m.title.clone()).unwrap_or_default();
            let credit = [m.author.clone(), m.license.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            format!("  {caption} © {credit}")
        })
        .collect();
    if !photos.is_empty() {
        println!("\n{}", words.pick("Photos:", "Photos :"));
        for photo in photos {
            println!("{photo}");
        }
    }
}
